/* A C object whose worker is kept in a field (`job_start(j)` runs
 * `pthread_create(&j->runner, NULL, job_main, j)`), seen from the function
 * that owns the object: between its call of the start function and the
 * join (`pthread_join(j.runner)`, or a call of a function that joins it)
 * the worker runs, so what the owner touches of the object there, directly
 * or through a call, meets what the worker touches. Near misses: touched
 * after the join, under the lock the worker holds, an _Atomic field,
 * another object of the same type, a worker that hands off with its owner,
 * and an owner that never joins here. */
#include <pthread.h>
#include <stdatomic.h>

struct job {
  pthread_t runner;
  pthread_mutex_t lock;
  int cancelled;
  int paused;
  _Atomic int progress;
  long steps;
  long bytes;
};

static void *job_main(void *arg) {
  struct job *j = arg;
  for (int i = 0; i < 100; i++) {
    // EXPECT-NOTE@+1:9 the worker reads 'j->cancelled' here
    if (j->cancelled)
      break;
    pthread_mutex_lock(&j->lock);
    if (!j->paused)
      j->bytes += i;
    pthread_mutex_unlock(&j->lock);
    atomic_fetch_add_explicit(&j->progress, 1, memory_order_relaxed);
  }
  // EXPECT-WARNING@+1:3 unsynchronized write to 'j->steps' while its owner reads it before the worker is joined; make it _Atomic, or guard both with one mutex, or read it after the join
  j->steps = 100;
  return 0;
}

static int job_start(struct job *j) {
  j->cancelled = 0;
  j->paused = 0;
  j->steps = 0;
  j->bytes = 0;
  pthread_mutex_init(&j->lock, 0);
  // EXPECT-NOTE@+2:10 the worker is started here and kept in 'runner'
  // EXPECT-NOTE@+1:10 the worker is started here and kept in 'runner'
  return pthread_create(&j->runner, 0, job_main, j);
}

static void job_cancel(struct job *j) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'j->cancelled' while the object's worker reads it before the worker is joined; make it _Atomic, or guard both with one mutex
  j->cancelled = 1;
}

static void job_pause(struct job *j) {
  pthread_mutex_lock(&j->lock);
  j->paused = 1;
  pthread_mutex_unlock(&j->lock);
}

static long job_steps(const struct job *j) {
  // EXPECT-NOTE@+1:10 the owner reads 'j->steps' here
  return j->steps;
}

static void job_wait(struct job *j) { pthread_join(j->runner, 0); }

long run_and_cancel(void) {
  struct job j;
  // EXPECT-NOTE@+1:3 the owner starts the worker here
  job_start(&j);
  job_pause(&j);
  atomic_store_explicit(&j.progress, 0, memory_order_relaxed);
  // EXPECT-NOTE@+1:3 the owner writes it through this call
  job_cancel(&j);
  // EXPECT-NOTE@+1:3 and joins it only here
  pthread_join(j.runner, 0);
  return j.steps + j.bytes;
}

long poll_steps(void) {
  struct job j, other = {0};
  // EXPECT-NOTE@+1:3 the owner starts the worker here
  job_start(&j);
  other.cancelled = 1;
  job_cancel(&other);
  // EXPECT-NOTE@+1:15 the owner reads it through this call
  long seen = job_steps(&j) + job_steps(&other);
  // EXPECT-NOTE@+1:3 and joins it only here
  job_wait(&j);
  j.cancelled = 1;
  return seen + job_steps(&j);
}

/* Started here, joined by whoever the object is handed to. */
void start_detached_owner(struct job *j) {
  job_start(j);
  job_cancel(j);
}

/* A worker that hands its result over under a condition variable. */
struct loader {
  pthread_t thread;
  pthread_mutex_t lock;
  pthread_cond_t done_cond;
  int done;
  long loaded;
};

static void *loader_main(void *arg) {
  struct loader *l = arg;
  pthread_mutex_lock(&l->lock);
  l->loaded = 42;
  l->done = 1;
  pthread_cond_signal(&l->done_cond);
  pthread_mutex_unlock(&l->lock);
  return 0;
}

static void loader_start(struct loader *l) {
  l->done = 0;
  pthread_create(&l->thread, 0, loader_main, l);
}

long load(void) {
  struct loader l;
  pthread_mutex_init(&l.lock, 0);
  pthread_cond_init(&l.done_cond, 0);
  loader_start(&l);
  pthread_mutex_lock(&l.lock);
  while (!l.done)
    pthread_cond_wait(&l.done_cond, &l.lock);
  long loaded = l.loaded;
  pthread_mutex_unlock(&l.lock);
  pthread_join(l.thread, 0);
  return loaded;
}
