/* Slots chosen from a worker's id: `slots[id % K]` is a slot of the
 * worker's own only when no two of the ids launched fold onto one; and an
 * id read through the launch's own argument (`*(int *)arg` with `&ids[i]`)
 * is the worker's own, like `arg->id`. */
#include <pthread.h>

#define WORKERS 8
#define NODES 4

static long per_node[NODES];
static long per_pair[WORKERS / 2];
static long per_worker[WORKERS];

static void *record_by_node(void *arg) {
  int id = (int)(long)arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'per_node' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  per_node[id % NODES]++;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'per_pair' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  per_pair[id / 2]++;
  /* near-miss: as many slots as workers */
  per_worker[id % WORKERS]++;
  return 0;
}

void count_by_node(void) {
  pthread_t threads[WORKERS];
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&threads[i], 0, record_by_node, (void *)(long)i);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(threads[i], 0);
}

/* near-miss: the id is read through the worker's own argument slot. */
static void *record_own(void *arg) {
  int id = *(int *)arg;
  per_worker[id]++;
  per_worker[*(const int *)arg] += 2;
  return 0;
}

void count_own(void) {
  pthread_t threads[WORKERS];
  int ids[WORKERS];
  for (int i = 0; i < WORKERS; i++) {
    ids[i] = i;
    pthread_create(&threads[i], 0, record_own, &ids[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(threads[i], 0);
}

/* near-miss: four workers, four nodes. */
static void *record_few(void *arg) {
  int id = (int)(long)arg;
  per_node[id % NODES]++;
  return 0;
}

void count_few(void) {
  pthread_t threads[NODES];
  for (int i = 0; i < NODES; i++)
    pthread_create(&threads[i], 0, record_few, (void *)(long)i);
  for (int i = 0; i < NODES; i++)
    pthread_join(threads[i], 0);
}
