/* Argument structs given by an array initializer
 * (`struct resolver rs[2] = {{&cache, ...}, {&cache, ...}}`): a pointer
 * field every element sets to one object points every worker at it. Near
 * miss: each element points at a cache of its own. */
#include <pthread.h>
#include <string.h>

struct cache {
  pthread_mutex_t lock;
  char names[4][16];
  unsigned long stamp[4];
};

struct resolver {
  struct cache *cache;
  const char *query;
  unsigned long clock;
};

static void touch(struct cache *c, const char *name, unsigned long now) {
  for (int i = 0; i < 4; i++)
    if (strcmp(c->names[i], name) == 0)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'shared.stamp' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      c->stamp[i] = now;
}

static void *resolve(void *arg) {
  struct resolver *r = arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'touch'
  touch(r->cache, r->query, ++r->clock);
  return 0;
}

void resolve_shared(void) {
  static struct cache shared;
  struct resolver rs[2] = {{&shared, "a", 1}, {&shared, "b", 2}};
  pthread_t t[2];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, resolve, &rs[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}

void resolve_apart(void) {
  static struct cache first, second;
  struct resolver rs[2] = {{&first, "a", 1}, {&second, "b", 2}};
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, resolve, &rs[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}
