/* From memcached's assoc.c and redis's test modules, reduced: an element
 * index computed by a call through a function pointer (`hash(key) & mask`).
 * parlint read the callee of that call to see whether it searches an array,
 * and crashed when there was none. What such a call returns is not
 * followed, so the slot is not placed and nothing is reported (a limit). */
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
    counts[hash(key) & 7]++;
  return 0;
}

void count_keys(void) {
  static const char *keys[2] = {"alpha", "beta"};
  pthread_t t[2];
  hash = djb;
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, counter_main, (void *)keys[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
}
