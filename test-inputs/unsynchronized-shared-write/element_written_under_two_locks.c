/* A cache entry's hit counter, raised by lookups under the cache's lock
   (the entry picked by a hash of the key's text, the write made only when
   the entry is valid) and halved by a maintenance pass under the policy's
   lock (skipping invalid entries with `continue`): each write holds a lock,
   but not the same one. Near miss: the maintenance pass takes the cache's
   lock. */
#include <pthread.h>
#include <string.h>

#define SLOTS 16

struct entry {
  char key[32];
  int valid;
  unsigned long hits;
};

static struct entry table[SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t policy_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long decay_rounds;

static unsigned slot_for(const char *key) {
  unsigned h = 5381;
  while (*key)
    h = h * 33 + (unsigned char)*key++;
  return h % SLOTS;
}

static int lookup(const char *key) {
  int found = 0;
  pthread_mutex_lock(&cache_lock);
  struct entry *e = &table[slot_for(key)];
  if (e->valid && strcmp(e->key, key) == 0) {
    // EXPECT-WARNING@+2:5 unsynchronized write to 'table.hits' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 another worker writes 'table.hits' here without holding the lock taken at the write
    e->hits++;
    found = 1;
  }
  pthread_mutex_unlock(&cache_lock);
  return found;
}

static void decay(void) {
  pthread_mutex_lock(&policy_lock);
  for (int i = 0; i < SLOTS; i++) {
    struct entry *e = &table[i];
    if (!e->valid)
      continue;
    // EXPECT-NOTE@+2:5 another worker writes 'table.hits' here without holding the lock taken at the write
    // EXPECT-WARNING@+1:5 unsynchronized write to 'table.hits' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    e->hits /= 2;
  }
  decay_rounds++;
  pthread_mutex_unlock(&policy_lock);
}

static void decay_locked(void) {
  pthread_mutex_lock(&cache_lock);
  for (int i = 0; i < SLOTS; i++) {
    struct entry *e = &table[i];
    if (!e->valid)
      continue;
    e->hits = 0;
  }
  pthread_mutex_unlock(&cache_lock);
}

static void *serve(void *arg) {
  const char *const *keys = arg;
  int hits = 0;
  for (int k = 0; keys[k]; k++)
    // EXPECT-NOTE@+1:13 the worker makes the write through this call of 'lookup'
    hits += lookup(keys[k]);
  return (void *)(long)hits;
}

static void *maintain(void *arg) {
  (void)arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'decay'
  decay();
  return NULL;
}

static void *maintain_locked(void *arg) {
  (void)arg;
  decay_locked();
  return NULL;
}

void run(const char *const *keys) {
  pthread_t server, maintainer;
  pthread_create(&server, NULL, serve, (void *)keys);
  pthread_create(&maintainer, NULL, maintain, NULL);
  pthread_join(server, NULL);
  pthread_join(maintainer, NULL);
}

void run_locked(const char *const *keys) {
  pthread_t server, maintainer;
  pthread_create(&server, NULL, serve, (void *)keys);
  pthread_create(&maintainer, NULL, maintain_locked, NULL);
  pthread_join(server, NULL);
  pthread_join(maintainer, NULL);
}
