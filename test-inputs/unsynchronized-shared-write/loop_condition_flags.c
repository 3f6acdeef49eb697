/* A worker loop re-reads a plain `running` flag in its condition on every
 * trip. Its condition-variable signals order nothing but what is around the
 * wait, so the launching thread clearing the flag after waiting for the
 * queue to drain still races with the next read. Near misses: the flag read
 * under the queue lock, and workers that take turns with the launching
 * thread at a barrier. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

struct server {
  int running;
  pthread_mutex_t lock;
  pthread_cond_t drained;
  int pending;
};

static int server_is_running(const struct server *srv) {
  return srv->running;
}

static int take_event(struct server *srv) {
  int got = 0;
  pthread_mutex_lock(&srv->lock);
  if (srv->pending > 0) {
    srv->pending--;
    got = 1;
    if (srv->pending == 0)
      pthread_cond_signal(&srv->drained);
  }
  pthread_mutex_unlock(&srv->lock);
  return got;
}

static void *serve(void *arg) {
  struct server *srv = arg;
  // EXPECT-NOTE@+1:10 the worker reads 'srv.running' through this call of 'server_is_running'
  while (server_is_running(srv))
    take_event(srv);
  return 0;
}

static void drain_and_stop(struct server *srv) {
  pthread_mutex_lock(&srv->lock);
  while (srv->pending > 0)
    pthread_cond_wait(&srv->drained, &srv->lock);
  pthread_mutex_unlock(&srv->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'srv.running' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  srv->running = 0;
}

void run_server(void) {
  static struct server srv = {1, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
  pthread_t worker;
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&worker, 0, serve, &srv);
  pthread_mutex_lock(&srv.lock);
  srv.pending += 100;
  pthread_mutex_unlock(&srv.lock);
  // EXPECT-NOTE@+1:3 the launching thread makes the write through this call of 'drain_and_stop'
  drain_and_stop(&srv);
  pthread_join(worker, 0);
}

/* Near miss: the flag is read under the lock the launching thread writes it
 * under. */
static void *serve_locked(void *arg) {
  struct server *srv = arg;
  for (;;) {
    pthread_mutex_lock(&srv->lock);
    int running = srv->running;
    if (srv->pending > 0)
      srv->pending--;
    pthread_mutex_unlock(&srv->lock);
    if (!running)
      break;
  }
  return 0;
}

void run_locked_server(void) {
  static struct server srv = {1, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
  pthread_t worker;
  pthread_create(&worker, 0, serve_locked, &srv);
  pthread_mutex_lock(&srv.lock);
  srv.running = 0;
  pthread_mutex_unlock(&srv.lock);
  pthread_join(worker, 0);
}

/* Near miss: phases separated by a barrier the launching thread takes part
 * in; the flag changes only between them. */
struct phases {
  pthread_barrier_t barrier;
  int more;
};

static void *phase_worker(void *arg) {
  struct phases *p = arg;
  while (p->more) {
    pthread_barrier_wait(&p->barrier);
    pthread_barrier_wait(&p->barrier);
  }
  return 0;
}

void run_phases(void) {
  static struct phases p;
  p.more = 1;
  pthread_barrier_init(&p.barrier, 0, 2);
  pthread_t worker;
  pthread_create(&worker, 0, phase_worker, &p);
  for (int round = 0; round < 3; ++round) {
    pthread_barrier_wait(&p.barrier);
    if (round == 2)
      p.more = 0;
    pthread_barrier_wait(&p.barrier);
  }
  pthread_join(worker, 0);
}
