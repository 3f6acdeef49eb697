/* A cache whose get finds an entry along a bucket's chain, or creates one
 * and links it into the bucket, and counts a reference under the cache's
 * lock; the release drops the reference without it. Handlers that get and
 * release the same entries decrement one count at once. Near misses: the
 * release under the cache's lock, and reads of the entry's pixels (linking
 * a new entry into a bucket stores a pointer, not the entries' contents). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 16

struct thumb {
  char key[40];
  unsigned char pixels[64];
  int refcnt;
  struct thumb *next;
};

struct thumb_cache {
  pthread_mutex_t lock;
  struct thumb *buckets[NBUCKETS];
};

static struct thumb_cache cache = {PTHREAD_MUTEX_INITIALIZER, {0}};

static unsigned hash_key(const char *key) {
  unsigned h = 2166136261u;
  while (*key)
    h = (h ^ (unsigned char)*key++) * 16777619u;
  return h;
}

static struct thumb *thumb_get(struct thumb_cache *c, const char *key) {
  unsigned b = hash_key(key) % NBUCKETS;
  pthread_mutex_lock(&c->lock);
  struct thumb *t = c->buckets[b];
  while (t && strcmp(t->key, key) != 0)
    t = t->next;
  if (t == NULL) {
    t = calloc(1, sizeof(*t));
    strncpy(t->key, key, sizeof(t->key) - 1);
    t->next = c->buckets[b];
    c->buckets[b] = t;
  }
  t->refcnt++;
  pthread_mutex_unlock(&c->lock);
  return t;
}

static void thumb_release(struct thumb *t) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'cache.buckets.refcnt' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  t->refcnt--;
}

static void thumb_release_locked(struct thumb_cache *c, struct thumb *t) {
  pthread_mutex_lock(&c->lock);
  t->refcnt--;
  pthread_mutex_unlock(&c->lock);
}

static void *handler(void *arg) {
  unsigned char out[64];
  (void)arg;
  for (int i = 0; i < 50; i++) {
    struct thumb *t = thumb_get(&cache, i % 2 ? "a.jpg" : "b.jpg");
    memcpy(out, t->pixels, sizeof(out));
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'thumb_release'
    thumb_release(t);
  }
  return NULL;
}

static void *handler_locked(void *arg) {
  unsigned char out[64];
  (void)arg;
  for (int i = 0; i < 50; i++) {
    struct thumb *t = thumb_get(&cache, i % 2 ? "a.jpg" : "b.jpg");
    memcpy(out, t->pixels, sizeof(out));
    thumb_release_locked(&cache, t);
  }
  return NULL;
}

void serve(void) {
  pthread_t tids[2];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; i++)
    pthread_create(&tids[i], NULL, handler, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(tids[i], NULL);
}

void serve_locked(void) {
  pthread_t tids[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&tids[i], NULL, handler_locked, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(tids[i], NULL);
}
