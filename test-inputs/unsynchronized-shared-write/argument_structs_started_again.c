/* One worker function started twice, each time with a struct of its own
 * (`&udp`, then `&tcp`), both structs pointing at one cache: what the
 * pointer field leads to is shared by the two workers, though the structs
 * are not. Near miss: each struct points at a cache of its own. */
#include <pthread.h>

struct cache {
  int lookups;
};

struct batch {
  struct cache *cache;
  int served;
};

static void *serve(void *arg) {
  struct batch *b = arg;
  for (int i = 0; i < 100; i++) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'shared.lookups' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    b->cache->lookups++;
    b->served++;
  }
  return 0;
}

int serve_both(void) {
  static struct cache shared;
  static struct batch udp = {.cache = &shared};
  static struct batch tcp = {.cache = &shared};
  pthread_t t1, t2;
  pthread_create(&t1, 0, serve, &udp);
  // EXPECT-NOTE@+1:3 the same worker is launched again here, and both may run at the same time
  pthread_create(&t2, 0, serve, &tcp);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return shared.lookups + udp.served + tcp.served;
}

static void *serve_own(void *arg) {
  struct batch *b = arg;
  for (int i = 0; i < 100; i++)
    b->cache->lookups++;
  return 0;
}

int serve_apart(void) {
  struct cache first = {0}, second = {0};
  struct batch a = {.cache = &first};
  struct batch b = {.cache = &second};
  pthread_t t1, t2;
  pthread_create(&t1, 0, serve_own, &a);
  pthread_create(&t2, 0, serve_own, &b);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return first.lookups + second.lookups;
}
