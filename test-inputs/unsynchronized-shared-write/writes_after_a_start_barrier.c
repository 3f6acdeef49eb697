#define _POSIX_C_SOURCE 200809L
// Workers meet at a start barrier so that they begin together, then
// account every request in shared statistics. A barrier orders what comes
// before it with what comes after it; two workers past the same wait run
// at once, so the byte counter they both add to after it races. Near
// misses: the counters under the statistics lock, a slot of each worker's
// own, and a total written only by the thread the barrier elects.
#include <pthread.h>
#include <stdio.h>

#define WORKERS 2
#define REQUESTS 64

struct stats {
  pthread_mutex_t lock;
  long requests;
  long bytes_out;
  long per_worker[WORKERS];
  long elected_total;
};

static struct stats g_stats = {PTHREAD_MUTEX_INITIALIZER, 0, 0, {0}, 0};
static pthread_barrier_t g_start;

static void account(long sent) {
  pthread_mutex_lock(&g_stats.lock);
  g_stats.requests++;
  pthread_mutex_unlock(&g_stats.lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_stats.bytes_out' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g_stats.bytes_out += sent;
}

static void *serve(void *arg) {
  long id = (long)arg;
  pthread_barrier_wait(&g_start);
  for (int i = 0; i < REQUESTS; i++) {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'account'
    account(100 + i);
    g_stats.per_worker[id] += 1;
  }
  if (pthread_barrier_wait(&g_start) == PTHREAD_BARRIER_SERIAL_THREAD)
    g_stats.elected_total = g_stats.per_worker[0] + g_stats.per_worker[1];
  return NULL;
}

int main(void) {
  pthread_t threads[WORKERS];
  pthread_barrier_init(&g_start, NULL, WORKERS);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (long i = 0; i < WORKERS; i++)
    pthread_create(&threads[i], NULL, serve, (void *)i);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(threads[i], NULL);
  printf("%ld %ld %ld\n", g_stats.requests, g_stats.bytes_out, g_stats.elected_total);
  return 0;
}
