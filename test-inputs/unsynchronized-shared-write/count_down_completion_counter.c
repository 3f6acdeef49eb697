// Each worker fills its own result slot and counts the shared counter
// down; main spins until the count reaches zero, then reads every slot.
// C11's atomic_fetch_sub (sequentially consistent) and GCC's
// __sync_sub_and_fetch (a full barrier) publish the slots to the load that
// reads zero; atomic_fetch_sub_explicit with memory_order_relaxed does not.
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>

#define WORKERS 4

static double checksums[WORKERS];
static atomic_int unfinished = WORKERS;

static double relaxed_sums[WORKERS];
static atomic_int relaxed_unfinished = WORKERS;

static long sizes[WORKERS];
static int sizes_left = WORKERS;

static void *checksum_block(void *arg) {
  long id = (long)arg;
  checksums[id] = (double)id * 1.5;
  atomic_fetch_sub(&unfinished, 1);
  return NULL;
}

static void *checksum_block_relaxed(void *arg) {
  long id = (long)arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'relaxed_sums' in the worker's own slot, which the launching thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
  relaxed_sums[id] = (double)id * 1.5;
  atomic_fetch_sub_explicit(&relaxed_unfinished, 1, memory_order_relaxed);
  return NULL;
}

static void *measure(void *arg) {
  long id = (long)arg;
  sizes[id] = id * 4096;
  __sync_sub_and_fetch(&sizes_left, 1);
  return NULL;
}

int main(void) {
  pthread_t threads[WORKERS], relaxed[WORKERS], measurers[WORKERS];
  for (long i = 0; i < WORKERS; ++i) {
    pthread_create(&threads[i], NULL, checksum_block, (void *)i);
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&relaxed[i], NULL, checksum_block_relaxed, (void *)i);
    pthread_create(&measurers[i], NULL, measure, (void *)i);
  }
  while (atomic_load(&unfinished) != 0)
    sched_yield();
  while (atomic_load(&relaxed_unfinished) != 0)
    sched_yield();
  while (__atomic_load_n(&sizes_left, __ATOMIC_ACQUIRE) != 0)
    sched_yield();
  double total = 0, relaxed_total = 0;
  long bytes = 0;
  for (int i = 0; i < WORKERS; ++i) {
    total += checksums[i];
    // EXPECT-NOTE@+1:22 the launching thread reads 'relaxed_sums' here while the worker may still be running
    relaxed_total += relaxed_sums[i];
    bytes += sizes[i];
  }
  for (int i = 0; i < WORKERS; ++i) {
    pthread_join(threads[i], NULL);
    pthread_join(relaxed[i], NULL);
    pthread_join(measurers[i], NULL);
  }
  printf("%.1f %.1f %ld\n", total, relaxed_total, bytes);
  return 0;
}
