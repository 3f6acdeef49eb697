/* Lazy initialization tested through a local copy of the cached value:
 * every caller that finds the copy unset writes the cache, so workers
 * calling the accessor at once race on it. Under a lock it is fine. */
#include <pthread.h>
#include <stdio.h>

static long g_page_size; /* 0: not probed yet */
static long g_line_size; /* 0: not probed yet */
static pthread_mutex_t g_probe_lock = PTHREAD_MUTEX_INITIALIZER;

static long probe(int shift) {
  return 1L << shift;
}

static long page_size(void) {
  long cached = g_page_size;
  if (cached == 0) {
    cached = probe(12);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_page_size' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    g_page_size = cached;
  }
  return cached;
}

static long line_size(void) {
  pthread_mutex_lock(&g_probe_lock);
  long cached = g_line_size;
  if (!cached) {
    cached = probe(6);
    g_line_size = cached;
  }
  pthread_mutex_unlock(&g_probe_lock);
  return cached;
}

static void *allocator(void *arg) {
  long *total = arg;
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:15 the worker makes the write through this call of 'page_size'
    *total += page_size() + line_size();
  return NULL;
}

int main(void) {
  pthread_t t[4];
  long totals[4] = {0};
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, allocator, &totals[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", totals[0] + totals[3]);
  return 0;
}
