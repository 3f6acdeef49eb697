/* A worker signals that it is done and only then stores its result: the
 * signal publishes what came before it, not the store after, so the
 * launching thread that wakes and reads the result races with it. Near
 * miss: the result stored under the lock before the signal. */
#include <pthread.h>
#include <stdio.h>

struct job {
  pthread_mutex_t lock;
  pthread_cond_t finished;
  int done;
  long ticks;
};

static long measure(int n) {
  long t = 0;
  for (int i = 0; i < n; i++)
    t += i % 7;
  return t;
}

static void *late_worker(void *arg) {
  struct job *j = arg;
  long t = measure(1000);
  pthread_mutex_lock(&j->lock);
  j->done = 1;
  pthread_cond_signal(&j->finished);
  pthread_mutex_unlock(&j->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'late.ticks' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  j->ticks = t;
  return 0;
}

static void *early_worker(void *arg) {
  struct job *j = arg;
  long t = measure(1000);
  pthread_mutex_lock(&j->lock);
  j->ticks = t;
  j->done = 1;
  pthread_cond_signal(&j->finished);
  pthread_mutex_unlock(&j->lock);
  return 0;
}

static void wait_done(struct job *j) {
  pthread_mutex_lock(&j->lock);
  while (!j->done)
    pthread_cond_wait(&j->finished, &j->lock);
  pthread_mutex_unlock(&j->lock);
}

void run_late(void) {
  static struct job late = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
  pthread_t t;
  pthread_create(&t, 0, late_worker, &late);
  wait_done(&late);
  // EXPECT-NOTE@+1:25 the launching thread reads 'late.ticks' here while the worker may still be running
  printf("%ld ticks\n", late.ticks);
  pthread_join(t, 0);
}

void run_early(void) {
  static struct job early = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};
  pthread_t t;
  pthread_create(&t, 0, early_worker, &early);
  wait_done(&early);
  printf("%ld ticks\n", early.ticks);
  pthread_join(t, 0);
}
