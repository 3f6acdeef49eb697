// A worker's unlocked write made before any hand-off of its own meets what
// the launching thread does before it takes part in one after the start:
// a flag spun on with a plain load (`while (!srv->listening) yield`), even
// though both threads hand work over through a condition variable later. Near misses: the launching thread
// waits on a semaphore the worker posts after the write, and the flag is
// read only after the queue's lock, which the worker held at the write.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>

struct server {
  pthread_mutex_t lock;
  pthread_cond_t work;
  sem_t bound;
  int port;
  int listening;
  int queued;
};

static void *accept_loop(void *arg) {
  struct server *srv = arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'srv.listening' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  srv->listening = 1;
  for (int i = 0; i < 4; i++) {
    pthread_mutex_lock(&srv->lock);
    while (srv->queued == 0)
      pthread_cond_wait(&srv->work, &srv->lock);
    srv->queued--;
    pthread_mutex_unlock(&srv->lock);
  }
  return 0;
}

static void wait_until_listening(struct server *srv) {
  while (!srv->listening)
    sched_yield();
}

int spin_on_flag(void) {
  struct server srv = {.port = 8080};
  pthread_mutex_init(&srv.lock, 0);
  pthread_cond_init(&srv.work, 0);
  pthread_t acceptor;
  pthread_create(&acceptor, 0, accept_loop, &srv);
  // EXPECT-NOTE@+1:3 the launching thread reads 'srv.listening' here while the worker may still be running
  wait_until_listening(&srv);
  pthread_mutex_lock(&srv.lock);
  srv.queued += 4;
  pthread_cond_broadcast(&srv.work);
  pthread_mutex_unlock(&srv.lock);
  pthread_join(acceptor, 0);
  return srv.queued;
}

static void *announce_then_serve(void *arg) {
  struct server *srv = arg;
  srv->port = 8443;
  sem_post(&srv->bound);
  for (int i = 0; i < 4; i++) {
    pthread_mutex_lock(&srv->lock);
    srv->queued--;
    pthread_mutex_unlock(&srv->lock);
  }
  return 0;
}

int wait_on_semaphore(void) {
  struct server srv = {.port = 0};
  pthread_mutex_init(&srv.lock, 0);
  sem_init(&srv.bound, 0, 0);
  pthread_t acceptor;
  pthread_create(&acceptor, 0, announce_then_serve, &srv);
  sem_wait(&srv.bound);
  int port = srv.port;
  pthread_join(acceptor, 0);
  return port;
}

static void *listen_locked(void *arg) {
  struct server *srv = arg;
  pthread_mutex_lock(&srv->lock);
  srv->listening = 1;
  pthread_mutex_unlock(&srv->lock);
  return 0;
}

int read_under_lock(void) {
  struct server srv = {.port = 8080};
  pthread_mutex_init(&srv.lock, 0);
  pthread_t acceptor;
  pthread_create(&acceptor, 0, listen_locked, &srv);
  pthread_mutex_lock(&srv.lock);
  int listening = srv.listening;
  pthread_mutex_unlock(&srv.lock);
  pthread_join(acceptor, 0);
  return listening;
}
