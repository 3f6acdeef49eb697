/* A C object that keeps its worker in a field: `start(s)` runs
 * `pthread_create(&s->thread, NULL, run, s)` and `stop(s)` sets a plain
 * `s->stop = 1` before `pthread_join(s->thread)`, while the worker still
 * polls it. Near misses: an _Atomic flag, a flag written and read under the
 * object's lock, a field written only after the join, and a volatile flag
 * set to a constant. */
#include <pthread.h>
#include <stdatomic.h>

struct sampler {
  pthread_t thread;
  int stop;
  unsigned long samples;
  unsigned long total;
};

static void *sampler_main(void *arg) {
  struct sampler *s = arg;
  // EXPECT-NOTE@+1:11 the worker reads 's->stop' here
  while (!s->stop)
    s->samples++;
  return 0;
}

void sampler_start(struct sampler *s) {
  s->stop = 0;
  s->samples = 0;
  // EXPECT-NOTE@+1:3 the worker is started here and kept in 'thread'
  pthread_create(&s->thread, 0, sampler_main, s);
}

void sampler_stop(struct sampler *s) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 's->stop' while the object's worker, joined only below, reads it; make it _Atomic, or write it holding the lock the worker reads it under
  s->stop = 1;
  // EXPECT-NOTE@+1:3 the worker is joined here
  pthread_join(s->thread, 0);
  s->total = s->samples;
}

struct poller {
  pthread_t thread;
  atomic_int stop;
  unsigned long polls;
};

static void *poller_main(void *arg) {
  struct poller *p = arg;
  while (!atomic_load(&p->stop))
    p->polls++;
  return 0;
}

void poller_start(struct poller *p) {
  atomic_init(&p->stop, 0);
  pthread_create(&p->thread, 0, poller_main, p);
}

void poller_stop(struct poller *p) {
  atomic_store(&p->stop, 1);
  pthread_join(p->thread, 0);
  p->polls = 0;
}

struct flusher {
  pthread_t thread;
  pthread_mutex_t lock;
  int stop;
  int pending;
};

static void *flusher_main(void *arg) {
  struct flusher *f = arg;
  for (;;) {
    pthread_mutex_lock(&f->lock);
    int done = f->stop;
    f->pending = 0;
    pthread_mutex_unlock(&f->lock);
    if (done)
      break;
  }
  return 0;
}

void flusher_start(struct flusher *f) {
  pthread_mutex_init(&f->lock, 0);
  f->stop = 0;
  pthread_create(&f->thread, 0, flusher_main, f);
}

void flusher_stop(struct flusher *f) {
  pthread_mutex_lock(&f->lock);
  f->stop = 1;
  pthread_mutex_unlock(&f->lock);
  pthread_join(f->thread, 0);
}

struct ticker {
  pthread_t thread;
  volatile int stop;
  unsigned long ticks;
};

static void *ticker_main(void *arg) {
  struct ticker *t = arg;
  while (!t->stop)
    t->ticks++;
  return 0;
}

void ticker_start(struct ticker *t) {
  t->stop = 0;
  pthread_create(&t->thread, 0, ticker_main, t);
}

void ticker_stop(struct ticker *t) {
  t->stop = 1;
  pthread_join(t->thread, 0);
}
