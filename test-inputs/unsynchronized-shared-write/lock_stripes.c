/* Lock striping: a lock picked from an array by the data (a bucket's own
 * lock) guards what is reached through that element, not a total of the
 * whole table: two threads holding two different stripes update the total
 * at once. Near misses: the bucket's own list and size, a node found in the
 * bucket, a per-stripe count indexed like the lock, a total also taken
 * under one table-wide lock, a stripe picked by a constant. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 8

struct entry {
  char key[32];
  int hits;
  struct entry *next;
};
struct bucket {
  pthread_mutex_t lock;
  struct entry *head;
  int size;
};
struct table {
  struct bucket buckets[NBUCKETS];
  pthread_mutex_t total_lock;
  long inserts;
  long lookups;
  long resets;
  int by_stripe[NBUCKETS];
};

static unsigned hash_of(const char *key) {
  unsigned h = 2166136261u;
  while (*key)
    h = (h ^ (unsigned char)*key++) * 16777619u;
  return h;
}

static void table_insert(struct table *t, const char *key) {
  unsigned h = hash_of(key) % NBUCKETS;
  struct bucket *b = &t->buckets[h];
  // EXPECT-NOTE@+1:23 this lock is one of an array's stripes, picked by the data; two threads holding different stripes write 'shared_table.inserts' at the same time: guard it with one lock for the whole array, or make it per stripe
  pthread_mutex_lock(&b->lock);
  struct entry *e = calloc(1, sizeof *e);
  strncpy(e->key, key, sizeof e->key - 1);
  e->next = b->head;
  b->head = e;
  b->size++;
  t->by_stripe[h]++;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'shared_table.inserts' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  t->inserts++;
  pthread_mutex_unlock(&b->lock);
}

static int table_hit(struct table *t, const char *key) {
  unsigned h = hash_of(key) % NBUCKETS;
  pthread_mutex_lock(&t->buckets[h].lock);
  int found = 0;
  for (struct entry *e = t->buckets[h].head; e; e = e->next)
    if (strcmp(e->key, key) == 0) {
      e->hits++;
      found = 1;
    }
  pthread_mutex_lock(&t->total_lock);
  t->lookups++;
  pthread_mutex_unlock(&t->total_lock);
  pthread_mutex_unlock(&t->buckets[h].lock);
  return found;
}

static void table_reset_first(struct table *t) {
  pthread_mutex_lock(&t->buckets[0].lock);
  t->resets++;
  pthread_mutex_unlock(&t->buckets[0].lock);
}

struct loader {
  struct table *t;
  const char **keys;
  int n;
};

static void *load(void *arg) {
  struct loader *l = arg;
  for (int i = 0; i < l->n; i++) {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'table_insert'
    table_insert(l->t, l->keys[i]);
    table_hit(l->t, l->keys[i]);
  }
  table_reset_first(l->t);
  return 0;
}

static struct table shared_table;

void load_all(const char **keys, int n) {
  struct loader parts[2];
  pthread_t threads[2];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; i++) {
    parts[i].t = &shared_table;
    parts[i].keys = keys + i * (n / 2);
    parts[i].n = n / 2;
    pthread_create(&threads[i], 0, load, &parts[i]);
  }
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], 0);
}
