/* A worker's slot computed by a helper of the program: the helper's
 * expression decides, as if written at the call. Folding four workers'
 * ids onto three slots puts two of them on one; a helper that keeps the id
 * whole, or a thread-local id, is each worker's own slot. */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 4

static unsigned long g_hits[NWORKERS];
static unsigned long g_misses[NWORKERS];
static unsigned long g_errors[NWORKERS];
static _Thread_local int t_slot;

static int folded_slot(int id) {
  return 1 + id % (NWORKERS - 1);
}

static int whole_slot(int id) {
  return id;
}

static int own_slot(void) {
  return t_slot;
}

static void *worker(void *arg) {
  int id = *(const int *)arg;
  t_slot = id;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_hits' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g_hits[folded_slot(id)] += 1;
  g_misses[whole_slot(id)] += 1;
  g_errors[own_slot()] += 1;
  return NULL;
}

int main(void) {
  pthread_t t[NWORKERS];
  int ids[NWORKERS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < NWORKERS; i++) {
    ids[i] = i;
    pthread_create(&t[i], NULL, worker, &ids[i]);
  }
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(t[i], NULL);
  printf("%lu %lu %lu\n", g_hits[1], g_misses[0], g_errors[0]);
  return 0;
}
