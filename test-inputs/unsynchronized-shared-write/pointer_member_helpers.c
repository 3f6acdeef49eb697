/* What a field of each thread's argument struct points to, reached one
 * pointer further (`job->stats->done++`) and through helpers: every job
 * points at the same counters. Near misses: the same update under the
 * counters' lock, and counters of each job's own. */
#include <pthread.h>

#define JOBS 4

struct counters {
  pthread_mutex_t lock;
  long done;
  long failed;
};

struct job {
  struct counters *stats;
  int id;
  int result;
};

static void count_done(struct counters *c) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'totals.done' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  c->done++;
}

static void finish(struct job *j) {
  count_done(j->stats);
}

static void count_failed(struct counters *c) {
  pthread_mutex_lock(&c->lock);
  c->failed++;
  pthread_mutex_unlock(&c->lock);
}

static void *run_job(void *arg) {
  struct job *j = arg;
  j->result = j->id * 2;
  if (j->result < 0)
    count_failed(j->stats);
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'finish'
  finish(j);
  return 0;
}

static void run_all(void) {
  static struct counters totals = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  struct job jobs[JOBS];
  pthread_t tids[JOBS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < JOBS; i++) {
    jobs[i].stats = &totals;
    jobs[i].id = i;
    pthread_create(&tids[i], 0, run_job, &jobs[i]);
  }
  for (int i = 0; i < JOBS; i++)
    pthread_join(tids[i], 0);
}

/* Near miss: each job counts into counters of its own. */
static void *run_own(void *arg) {
  struct job *j = arg;
  j->result = j->id + 1;
  finish(j);
  return 0;
}

static void run_separately(void) {
  struct counters each[JOBS] = {{PTHREAD_MUTEX_INITIALIZER, 0, 0}};
  struct job jobs[JOBS];
  pthread_t tids[JOBS];
  for (int i = 0; i < JOBS; i++) {
    jobs[i].stats = &each[i];
    jobs[i].id = i;
    pthread_create(&tids[i], 0, run_own, &jobs[i]);
  }
  for (int i = 0; i < JOBS; i++)
    pthread_join(tids[i], 0);
}

int main(void) {
  run_all();
  run_separately();
  return 0;
}
