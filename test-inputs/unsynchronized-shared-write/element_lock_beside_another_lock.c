// A bucket's count written under the bucket's own lock (`&locks[b]`) by
// the inserters and under the statistics lock by the compactor: two locks,
// no exclusion. Near miss: a rehash that takes every bucket lock in a loop
// before it writes.
#include <pthread.h>
#include <stddef.h>

#define BUCKETS 8

struct bucket {
  int count;
  int items[64];
};

static struct bucket table[BUCKETS];
static pthread_mutex_t locks[BUCKETS];
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;

static void insert(int key) {
  int b = key % BUCKETS;
  pthread_mutex_lock(&locks[b]);
  if (table[b].count < 64)
    // EXPECT-WARNING@+1:20 unsynchronized write to 'table.count' in an element the worker picks, which another thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
    table[b].items[table[b].count++] = key;
  pthread_mutex_unlock(&locks[b]);
}

static void *inserter(void *arg) {
  for (int key = 0; key < 1000; ++key)
    // EXPECT-NOTE@+2:5 the worker makes the write through this call of 'insert'
    // EXPECT-NOTE@+1:5 another worker reads 'table.count' here without holding the lock taken at the write
    insert(key * 7 + (int)(size_t)arg);
  return NULL;
}

static void *compactor(void *arg) {
  (void)arg;
  pthread_mutex_lock(&stats_lock);
  for (int b = 0; b < BUCKETS; ++b)
    // EXPECT-NOTE@+1:9 another worker reads 'table.count' here
    if (table[b].count > 32)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'table.count' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      table[b].count = 32;
  pthread_mutex_unlock(&stats_lock);
  return NULL;
}

static struct bucket shadow[BUCKETS];
static pthread_mutex_t shadow_locks[BUCKETS];

static void *shadow_inserter(void *arg) {
  for (int key = 0; key < 1000; ++key) {
    int b = (key + (int)(size_t)arg) % BUCKETS;
    pthread_mutex_lock(&shadow_locks[b]);
    if (shadow[b].count < 64)
      shadow[b].items[shadow[b].count++] = key;
    pthread_mutex_unlock(&shadow_locks[b]);
  }
  return NULL;
}

static void *shadow_rehash(void *arg) {
  (void)arg;
  int b;
  for (b = 0; b < BUCKETS; ++b)
    pthread_mutex_lock(&shadow_locks[b]);
  for (b = 0; b < BUCKETS; ++b)
    shadow[b].count = 0;
  for (b = 0; b < BUCKETS; ++b)
    pthread_mutex_unlock(&shadow_locks[b]);
  return NULL;
}

int main(void) {
  pthread_t a, c, s, r;
  for (int b = 0; b < BUCKETS; ++b) {
    pthread_mutex_init(&locks[b], NULL);
    pthread_mutex_init(&shadow_locks[b], NULL);
  }
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&a, NULL, inserter, (void *)1);
  // EXPECT-NOTE@+1:3 the reading worker is started here
  pthread_create(&c, NULL, compactor, NULL);
  pthread_create(&s, NULL, shadow_inserter, (void *)2);
  pthread_create(&r, NULL, shadow_rehash, NULL);
  pthread_join(a, NULL);
  pthread_join(c, NULL);
  pthread_join(s, NULL);
  pthread_join(r, NULL);
  return 0;
}
