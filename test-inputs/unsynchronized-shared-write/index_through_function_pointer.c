/* From memcached's assoc.c and redis's test modules, reduced: an element
 * index computed by a call through a function pointer (`hash(key) & mask`).
 * parlint read the callee of that call to see whether it searches an array,
 * and crashed when there was none. A call given the key's text is a hash
 * of it: the slot is picked by the data, and two workers' keys may land on
 * one, so the unguarded increment is reported. */
#include <pthread.h>

typedef unsigned (*hash_func)(const char *key);

static hash_func hash;
static unsigned counts[8];

static unsigned djb(const char *key) {
  unsigned h = 5381;
  while (*key)
    h = h * 33 + (unsigned char)*key++;
  return h;
}

static void *counter_main(void *arg) {
  const char *key = arg;
  for (int i = 0; i < 100; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'counts' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    counts[hash(key) & 7]++;
  return 0;
}

void count_keys(void) {
  static const char *keys[2] = {"alpha", "beta"};
  pthread_t t[2];
  hash = djb;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, counter_main, (void *)keys[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}
