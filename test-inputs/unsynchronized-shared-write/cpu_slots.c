/* Counter shards picked by the CPU a thread runs on, or by a random
 * number: two threads may pick one shard at once. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

#define NSHARDS 8
#define NTHREADS 4

static long hits[NSHARDS];
static long own[NTHREADS];

static void *count_on_cpu(void *arg) {
  (void)arg;
  for (int k = 0; k < 1000; k++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'hits' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    hits[sched_getcpu() % NSHARDS]++;
  return NULL;
}

static void *count_at_random(void *arg) {
  (void)arg;
  for (int k = 0; k < 1000; k++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'hits' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    hits[rand() % NSHARDS]++;
  return NULL;
}

static void *count_own(void *arg) {
  long id = (long)arg;
  for (int k = 0; k < 1000; k++)
    own[id]++;
  return NULL;
}

void run_all(void) {
  pthread_t threads[NTHREADS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&threads[i], NULL, count_on_cpu, NULL);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(threads[i], NULL);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&threads[i], NULL, count_at_random, NULL);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(threads[i], NULL);
  /* Near miss: the launch's own index. */
  for (long i = 0; i < NTHREADS; i++)
    pthread_create(&threads[i], NULL, count_own, (void *)i);
  for (int i = 0; i < NTHREADS; i++)
    pthread_join(threads[i], NULL);
  printf("%ld %ld\n", hits[0], own[0]);
}
