#define _POSIX_C_SOURCE 200809L
/* A join loop that stops at the first task that failed: the workers after
 * it are never joined, and still fill their results while the launching
 * thread adds up every result. Near misses: the rest joined by a second
 * loop after the break, a break taken only when the join itself failed
 * (nothing is known to run then), and a loop without a break. Each
 * function starts a worker of its own, so that each is judged apart. */
#include <pthread.h>
#include <stddef.h>

#define TASKS 8

struct task {
  int id;
  int failed;
  long result;
};

static long compute(int id) { return (long)(id * 37 % 11) - 2; }

static void *run_task(void *arg) {
  struct task *t = arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'tasks.result' in the worker's own slot, which the launching thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
  t->result = compute(t->id);
  t->failed = t->result < 0;
  return NULL;
}

static void *run_rest(void *arg) {
  struct task *t = arg;
  t->result = compute(t->id);
  t->failed = t->result < 0;
  return NULL;
}

static void *run_checked(void *arg) {
  struct task *t = arg;
  t->result = compute(t->id);
  t->failed = t->result < 0;
  return NULL;
}

static void *run_all(void *arg) {
  struct task *t = arg;
  t->result = compute(t->id);
  t->failed = t->result < 0;
  return NULL;
}

long total_until_failure(void) {
  struct task tasks[TASKS];
  pthread_t threads[TASKS];
  for (int i = 0; i < TASKS; i++) {
    tasks[i].id = i;
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[i], NULL, run_task, &tasks[i]);
  }
  for (int i = 0; i < TASKS; i++) {
    pthread_join(threads[i], NULL);
    if (tasks[i].failed)
      break;
  }
  long sum = 0;
  for (int k = 0; k < TASKS; k++)
    // EXPECT-NOTE@+1:12 the launching thread reads 'tasks.result' here while the worker may still be running
    sum += tasks[k].result;
  return sum;
}

long total_after_joining_the_rest(void) {
  struct task tasks[TASKS];
  pthread_t threads[TASKS];
  for (int i = 0; i < TASKS; i++) {
    tasks[i].id = i;
    pthread_create(&threads[i], NULL, run_rest, &tasks[i]);
  }
  int joined = 0;
  for (; joined < TASKS; joined++) {
    pthread_join(threads[joined], NULL);
    if (tasks[joined].failed)
      break;
  }
  for (int k = joined + 1; k < TASKS; k++)
    pthread_join(threads[k], NULL);
  long sum = 0;
  for (int k = 0; k < TASKS; k++)
    sum += tasks[k].result;
  return sum;
}

long total_unless_join_fails(void) {
  struct task tasks[TASKS];
  pthread_t threads[TASKS];
  for (int i = 0; i < TASKS; i++) {
    tasks[i].id = i;
    pthread_create(&threads[i], NULL, run_checked, &tasks[i]);
  }
  for (int i = 0; i < TASKS; i++) {
    if (pthread_join(threads[i], NULL) != 0)
      break;
  }
  long sum = 0;
  for (int k = 0; k < TASKS; k++)
    sum += tasks[k].result;
  return sum;
}

long total_of_all(void) {
  struct task tasks[TASKS];
  pthread_t threads[TASKS];
  for (int i = 0; i < TASKS; i++) {
    tasks[i].id = i;
    pthread_create(&threads[i], NULL, run_all, &tasks[i]);
  }
  for (int i = 0; i < TASKS; i++)
    pthread_join(threads[i], NULL);
  long sum = 0;
  for (int k = 0; k < TASKS; k++)
    sum += tasks[k].result;
  return sum;
}
