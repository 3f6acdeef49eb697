/* The launching thread hands every pthread one object (the loop counter's
 * address, one context struct) and keeps changing it, or the workers all
 * update it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define NWORKERS 4

struct context {
  pthread_mutex_t lock;
  long total;
  long limit;
};

static void *show_index(void *arg) {
  /* One note for each of the two functions below that hand out &i. */
  // EXPECT-NOTE@+2:15 the worker reads 'i' here
  // EXPECT-NOTE@+1:15 the worker reads 'i' here
  int index = *(const int *)arg;
  printf("%d\n", index);
  return NULL;
}

void counter_address_outside(void) {
  pthread_t threads[NWORKERS];
  int i;
  // EXPECT-WARNING@+1:29 unsynchronized write to 'i' while a worker started earlier may be reading it; hand each worker its own copy or guard every access with one mutex
  for (i = 0; i < NWORKERS; i++)
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[i], NULL, show_index, &i);
  for (int k = 0; k < NWORKERS; k++)
    pthread_join(threads[k], NULL);
}

void counter_address_in_init(void) {
  pthread_t threads[NWORKERS];
  // EXPECT-WARNING@+1:33 unsynchronized write to 'i' while a worker started earlier may be reading it; hand each worker its own copy or guard every access with one mutex
  for (int i = 0; i < NWORKERS; i++)
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[i], NULL, show_index, &i);
  for (int k = 0; k < NWORKERS; k++)
    pthread_join(threads[k], NULL);
}

static void *add_through_local(void *arg) {
  struct context *ctx = arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'ctx.total' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  ctx->total += ctx->limit;
  return NULL;
}

static void *add_through_cast(void *arg) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'ctx.total' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  ((struct context *)arg)->total += 1;
  return NULL;
}

void shared_context(void) {
  pthread_t threads[NWORKERS];
  struct context ctx = {PTHREAD_MUTEX_INITIALIZER, 0, 10};
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&threads[i], NULL, add_through_local, &ctx);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
  printf("%ld\n", ctx.total);
}

void shared_context_cast(void) {
  pthread_t threads[NWORKERS];
  struct context ctx = {PTHREAD_MUTEX_INITIALIZER, 0, 10};
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&threads[i], NULL, add_through_cast, &ctx);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
}

/* Near misses: silent. */

void own_index_each(void) {
  pthread_t threads[NWORKERS];
  int ids[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    ids[i] = i;
    pthread_create(&threads[i], NULL, show_index, &ids[i]);
  }
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
}

void joined_each_trip(void) {
  pthread_t thread;
  for (int i = 0; i < NWORKERS; i++) {
    pthread_create(&thread, NULL, show_index, &i);
    pthread_join(thread, NULL);
  }
}

static void *add_locked(void *arg) {
  struct context *ctx = arg;
  pthread_mutex_lock(&ctx->lock);
  ctx->total += ctx->limit;
  pthread_mutex_unlock(&ctx->lock);
  return NULL;
}

void locked_context(void) {
  pthread_t threads[NWORKERS];
  struct context ctx = {PTHREAD_MUTEX_INITIALIZER, 0, 10};
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&threads[i], NULL, add_locked, &ctx);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
  ctx.limit = 0;
}

struct job {
  long first;
  long sum;
};

static void *sum_job(void *arg) {
  struct job *job = arg;
  for (long k = job->first; k < job->first + 100; k++)
    job->sum += k;
  return NULL;
}

void job_per_launch(void) {
  pthread_t threads[NWORKERS];
  struct job *jobs[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    struct job *job = calloc(1, sizeof *job);
    if (!job)
      return;
    job->first = i * 100;
    jobs[i] = job;
    pthread_create(&threads[i], NULL, sum_job, job);
  }
  for (int i = 0; i < NWORKERS; i++) {
    pthread_join(threads[i], NULL);
    free(jobs[i]);
  }
}

/* Handles kept in a global array of structs, all joined in a loop before
 * the flag the workers read is cleared. */
struct worker_slot {
  pthread_t thread;
  int id;
};
static struct worker_slot *worker_slots;
static int pool_active;

static void *use_pool(void *arg) {
  (void)arg;
  return pool_active ? arg : NULL;
}

void joined_global_slots(int n) {
  pool_active = 1;
  for (int i = 0; i < n; i++)
    pthread_create(&worker_slots[i].thread, NULL, use_pool, worker_slots + i);
  for (int i = 0; i < n; i++)
    pthread_join(worker_slots[i].thread, NULL);
  pool_active = 0;
}

/* A thread kept in a global: the launching thread writes what it reads only
 * on the path where pthread_create failed. */
static int wake_fd[2] = {-1, -1};
static pthread_t waker;

static void *wait_for_wake(void *arg) {
  (void)arg;
  return wake_fd[0] >= 0 ? arg : NULL;
}

void start_waker(void) {
  wake_fd[0] = 3;
  if (pthread_create(&waker, NULL, wait_for_wake, NULL))
    goto disable;
  return;
disable:
  wake_fd[0] = wake_fd[1] = -1;
}

/* Each thread reads the last thread's slot after a barrier of the
 * program's own, which every thread reaches only once all slots are set. */
struct ring_barrier {
  int waiting;
};
void ring_barrier_wait(struct ring_barrier *barrier, int count);
static struct ring_barrier ring_ready;
static int ring_slots[NWORKERS];

static void *read_previous(void *arg) {
  int self = *(const int *)arg;
  ring_barrier_wait(&ring_ready, NWORKERS);
  return ring_slots[NWORKERS - 1] + self ? arg : NULL;
}

void ring_after_barrier(void) {
  pthread_t threads[NWORKERS];
  int ids[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    ids[i] = i;
    ring_slots[i] = i + 1;
    pthread_create(&threads[i], NULL, read_previous, &ids[i]);
  }
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
}
