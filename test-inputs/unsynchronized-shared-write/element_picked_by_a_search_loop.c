/* A longest-match search keeps the best element so far in a local pointer
   (`best = &t->routes[i]` in the loop, NULL before it) and writes through
   it after the loop: the element is one of the table's, picked by the
   data, and the write is made under the table's reader lock, which every
   reader holds at once. Near miss: the same search under the writer lock. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <string.h>

struct route {
  char prefix[32];
  unsigned long use_count;
};

struct table {
  pthread_rwlock_t lock;
  struct route routes[8];
  int count;
};

static struct table routes = {.lock = PTHREAD_RWLOCK_INITIALIZER};

static int resolve(struct table *t, const char *path) {
  pthread_rwlock_rdlock(&t->lock);
  struct route *best = NULL;
  size_t best_len = 0;
  for (int i = 0; i < t->count; i++) {
    size_t n = strlen(t->routes[i].prefix);
    if (n >= best_len && strncmp(path, t->routes[i].prefix, n) == 0) {
      best = &t->routes[i];
      best_len = n;
    }
  }
  if (best)
    // EXPECT-WARNING@+2:5 unsynchronized write to 'routes.routes.use_count' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 the lock is held in shared mode here, and other holders in shared mode run at the same time; take it exclusively (std::unique_lock, lock()) to write
    best->use_count++;
  pthread_rwlock_unlock(&t->lock);
  return best != NULL;
}

static int resolve_exclusive(struct table *t, const char *path) {
  pthread_rwlock_wrlock(&t->lock);
  struct route *best = NULL;
  for (int i = 0; i < t->count; i++)
    if (strncmp(path, t->routes[i].prefix, strlen(t->routes[i].prefix)) == 0)
      best = &t->routes[i];
  if (best)
    best->use_count = 0;
  pthread_rwlock_unlock(&t->lock);
  return best != NULL;
}

static void *ingress(void *arg) {
  const char *path = arg;
  int routed = 0;
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:15 the worker makes the write through this call of 'resolve'
    routed += resolve(&routes, path);
  return (void *)(long)routed;
}

static void *reset(void *arg) {
  const char *path = arg;
  int routed = 0;
  for (int i = 0; i < 100; i++)
    routed += resolve_exclusive(&routes, path);
  return (void *)(long)routed;
}

void serve(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, ingress, "/api/");
  // EXPECT-NOTE@+1:3 the same worker is launched again here, and both may run at the same time
  pthread_create(&b, NULL, ingress, "/index.html");
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}

void reset_all(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, reset, "/api/");
  pthread_create(&b, NULL, reset, "/index.html");
  pthread_join(a, NULL);
  pthread_join(b, NULL);
}
