// pthread_cond_signal publishes nothing either: the worker stores the
// result under the mutex but sets the ready flag after unlocking it, so
// the waiter's read of the flag under the mutex meets the store. Near
// miss: the same handshake with the flag set before the unlock.
#include <pthread.h>

struct reply {
  pthread_mutex_t lock;
  pthread_cond_t arrived;
  int status;
  int ready;
};

static void *fetch(void *arg) {
  struct reply *r = arg;
  pthread_mutex_lock(&r->lock);
  r->status = 200;
  pthread_mutex_unlock(&r->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'late.ready' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  r->ready = 1;
  pthread_cond_signal(&r->arrived);
  return 0;
}

int wait_late(void) {
  struct reply late = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
  pthread_t t;
  pthread_create(&t, 0, fetch, &late);
  pthread_mutex_lock(&late.lock);
  // EXPECT-NOTE@+1:11 the launching thread reads 'late.ready' here while the worker may still be running
  while (!late.ready)
    pthread_cond_wait(&late.arrived, &late.lock);
  int status = late.status;
  pthread_mutex_unlock(&late.lock);
  pthread_join(t, 0);
  return status;
}

static void *fetch_locked(void *arg) {
  struct reply *r = arg;
  pthread_mutex_lock(&r->lock);
  r->status = 200;
  r->ready = 1;
  pthread_mutex_unlock(&r->lock);
  pthread_cond_signal(&r->arrived);
  return 0;
}

int wait_locked(void) {
  struct reply on_time = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
  pthread_t t;
  pthread_create(&t, 0, fetch_locked, &on_time);
  pthread_mutex_lock(&on_time.lock);
  while (!on_time.ready)
    pthread_cond_wait(&on_time.arrived, &on_time.lock);
  int status = on_time.status;
  pthread_mutex_unlock(&on_time.lock);
  pthread_join(t, 0);
  return status;
}
