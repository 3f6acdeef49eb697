/* Per-thread argument structs whose pointer fields all point at one
 * object: the object reaches the workers' helpers through the field, the
 * fields may be set in a set-up loop of their own (through a pointer to the
 * element), and a lock inside each worker's own struct guards nothing the
 * workers share. One thread started once shares its argument's object with
 * the launching thread. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define NWORKERS 4

struct totals {
  pthread_mutex_t lock;
  long bytes;
  long lines;
};

struct task {
  pthread_mutex_t own_lock;
  int id;
  struct totals *totals;
};

// EXPECT-WARNING@+1:51 unsynchronized write to 'totals.bytes' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
static void add_bytes(struct totals *t, long n) { t->bytes += n; }

static void add_lines(struct totals *t, long n) {
  pthread_mutex_lock(&t->lock);
  t->lines += n;
  pthread_mutex_unlock(&t->lock);
}

static void *count_through_helper(void *arg) {
  struct task *task = arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'add_bytes'
  add_bytes(task->totals, 100);
  add_lines(task->totals, 1);
  return NULL;
}

void helper_through_field(void) {
  struct totals totals = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  struct task tasks[NWORKERS];
  pthread_t threads[NWORKERS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < NWORKERS; i++) {
    tasks[i].id = i;
    tasks[i].totals = &totals;
    pthread_create(&threads[i], NULL, count_through_helper, &tasks[i]);
  }
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
  printf("%ld %ld\n", totals.bytes, totals.lines);
}

static void *count_under_own_lock(void *arg) {
  struct task *task = arg;
  pthread_mutex_lock(&task->own_lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'totals.lines' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  task->totals->lines++;
  pthread_mutex_unlock(&task->own_lock);
  return NULL;
}

void set_up_first(void) {
  static struct task tasks[NWORKERS];
  struct totals totals = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  pthread_t threads[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    struct task *task = &tasks[i];
    pthread_mutex_init(&task->own_lock, NULL);
    task->totals = &totals;
  }
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&threads[i], NULL, count_under_own_lock, &tasks[i]);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
}

static void *count_once(void *arg) {
  struct totals *totals = arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'totals.bytes' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  totals->bytes += 10;
  return NULL;
}

void single_thread(void) {
  struct totals totals = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  pthread_t thread;
  pthread_create(&thread, NULL, count_once, &totals);
  // EXPECT-NOTE@+1:19 the launching thread reads 'totals.bytes' here while the worker may still be running
  printf("%ld\n", totals.bytes);
  pthread_join(thread, NULL);
}

static void *read_limit(void *arg) {
  struct totals *totals = arg;
  // EXPECT-NOTE@+1:19 the worker reads 'totals->lines' here
  printf("%ld\n", totals->lines);
  return NULL;
}

void single_thread_through_pointer(struct totals *totals) {
  pthread_t thread;
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&thread, NULL, read_limit, totals);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'totals->lines' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  totals->lines = 0;
  pthread_join(thread, NULL);
}

/* Near misses: silent. */

void pointer_written_after_join(struct totals *totals) {
  pthread_t thread;
  pthread_create(&thread, NULL, read_limit, totals);
  pthread_join(thread, NULL);
  totals->lines = 0;
}

void pointer_moved_on(struct totals *totals, struct totals *spare) {
  pthread_t thread;
  pthread_create(&thread, NULL, read_limit, totals);
  totals = spare;
  totals->lines = 0;
  pthread_join(thread, NULL);
}


static struct totals per_worker[NWORKERS];

void own_totals_each(void) {
  struct task tasks[NWORKERS];
  pthread_t threads[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    tasks[i].id = i;
    tasks[i].totals = &per_worker[i];
    pthread_create(&threads[i], NULL, count_through_helper, &tasks[i]);
  }
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
}

static void *count_under_shared_lock(void *arg) {
  struct task *task = arg;
  pthread_mutex_lock(&task->totals->lock);
  task->totals->lines++;
  pthread_mutex_unlock(&task->totals->lock);
  return NULL;
}

void shared_lock_through_field(void) {
  static struct task tasks[NWORKERS];
  struct totals totals = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  pthread_t threads[NWORKERS];
  for (int i = 0; i < NWORKERS; i++)
    tasks[i].totals = &totals;
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&threads[i], NULL, count_under_shared_lock, &tasks[i]);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
}

void single_thread_joined_first(void) {
  struct totals totals = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  pthread_t thread;
  pthread_create(&thread, NULL, count_once, &totals);
  pthread_join(thread, NULL);
  printf("%ld\n", totals.bytes);
}
