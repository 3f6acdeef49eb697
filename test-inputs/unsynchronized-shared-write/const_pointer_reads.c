/* Workers update counters under their lock; the launching thread peeks at
 * one of them through a helper taking a pointer to const. What the helper
 * reads is the launching thread's read: the counter it reads is reported,
 * the one it never reads is not. */
#include <pthread.h>
#include <stdio.h>

struct counters {
  pthread_mutex_t lock;
  unsigned long hits;
  unsigned long misses;
};

static struct counters g_counters = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void count(struct counters *c, int hit) {
  pthread_mutex_lock(&c->lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_counters.hits' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  c->hits += hit != 0;
  c->misses += hit == 0;
  pthread_mutex_unlock(&c->lock);
}

static unsigned long peek_hits(const struct counters *c) {
  return c->hits;
}

static unsigned long locked_hits(const struct counters *c) {
  pthread_mutex_lock((pthread_mutex_t *)&c->lock);
  unsigned long n = c->hits;
  pthread_mutex_unlock((pthread_mutex_t *)&c->lock);
  return n;
}

static void *lookup_worker(void *arg) {
  int id = *(const int *)arg;
  for (int i = 0; i < 1000; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'count'
    count(&g_counters, (i + id) % 3 == 0);
  return NULL;
}

int main(void) {
  pthread_t t[2];
  int ids[2] = {0, 1};
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, lookup_worker, &ids[i]);
  unsigned long last = 0;
  for (int tick = 0; tick < 100; tick++)
    // EXPECT-NOTE@+1:12 the launching thread reads 'g_counters.hits' here while the worker may still be running without holding the lock taken at the write
    last = peek_hits(&g_counters);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  printf("%lu %lu\n", last, g_counters.misses);
  return 0;
}

/* The same peek under the counters' own lock: no race. */
int main_locked(void) {
  pthread_t t[2];
  int ids[2] = {0, 1};
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, lookup_worker, &ids[i]);
  unsigned long last = 0;
  for (int tick = 0; tick < 100; tick++)
    last = locked_hits(&g_counters);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return (int)last;
}
