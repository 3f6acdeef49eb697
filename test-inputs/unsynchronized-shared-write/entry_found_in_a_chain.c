/* A lookup that walks a hash bucket's chain under the table's lock
   (`for (e = t->buckets[h]; e; e = e->next)`) and returns the entry it
   found: the entry is one of those the table's buckets lead to, and what
   a caller writes through it after the lookup unlocked is written without
   the lock, by every worker that finds the same name. Near miss: the hit is
   counted inside the lookup, under the lock. */
#include <pthread.h>
#include <string.h>

#define BUCKETS 8
#define ENTRIES 16

struct entry {
  char name[32];
  unsigned hits;
  struct entry *next;
};

struct table {
  pthread_mutex_t lock;
  struct entry *buckets[BUCKETS];
  struct entry pool[ENTRIES];
};

static unsigned hash(const char *s) {
  unsigned h = 5381;
  while (*s)
    h = h * 33 + (unsigned char)*s++;
  return h % BUCKETS;
}

static struct entry *lookup(struct table *t, const char *name) {
  struct entry *e;
  pthread_mutex_lock(&t->lock);
  for (e = t->buckets[hash(name)]; e != NULL; e = e->next)
    if (strcmp(e->name, name) == 0)
      break;
  pthread_mutex_unlock(&t->lock);
  return e;
}

static struct entry *lookup_counted(struct table *t, const char *name) {
  struct entry *e;
  pthread_mutex_lock(&t->lock);
  for (e = t->buckets[hash(name)]; e != NULL; e = e->next)
    if (strcmp(e->name, name) == 0) {
      e->hits++;
      break;
    }
  pthread_mutex_unlock(&t->lock);
  return e;
}

static struct table names = {.lock = PTHREAD_MUTEX_INITIALIZER};

static void *resolve(void *arg) {
  const char *name = arg;
  for (int i = 0; i < 100; i++) {
    struct entry *e = lookup(&names, name);
    if (e)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'names.buckets.hits' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      e->hits++;
  }
  return NULL;
}

static void *resolve_counted(void *arg) {
  const char *name = arg;
  for (int i = 0; i < 100; i++)
    lookup_counted(&names, name);
  return NULL;
}

int main(void) {
  pthread_t a, b, c, d;
  pthread_create(&a, NULL, resolve, "api");
  // EXPECT-NOTE@+1:3 the same worker is launched again here, and both may run at the same time
  pthread_create(&b, NULL, resolve, "api");
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_create(&c, NULL, resolve_counted, "api");
  pthread_create(&d, NULL, resolve_counted, "db");
  pthread_join(c, NULL);
  pthread_join(d, NULL);
  return 0;
}
