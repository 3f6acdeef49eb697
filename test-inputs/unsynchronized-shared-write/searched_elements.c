/* A helper that searches a global table for the element it returns (a
 * probe loop, `return b;` or NULL): which element depends on the data, so
 * two workers may get the same one. A check-then-act on it (`if (b->tokens
 * > 0) b->tokens--;`) is a write every call may make. Near misses: the same
 * under the table's lock, under the bucket's own lock, a read only, and a
 * helper that may return a pointer from elsewhere. */
#include <pthread.h>
#include <string.h>

#define NBUCKETS 16

struct bucket {
  pthread_mutex_t lock;
  char client[32];
  int tokens;
  int in_use;
  long seen;
};

static struct bucket buckets[NBUCKETS];
static struct bucket spare;
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

static unsigned hash_str(const char *s) {
  unsigned h = 5381;
  while (*s)
    h = h * 33 + (unsigned char)*s++;
  return h;
}

static struct bucket *bucket_for(const char *client) {
  unsigned h = hash_str(client) % NBUCKETS;
  for (int probe = 0; probe < NBUCKETS; probe++) {
    struct bucket *b = &buckets[(h + probe) % NBUCKETS];
    if (!b->in_use)
      return NULL;
    if (strcmp(b->client, client) == 0)
      return b;
  }
  return NULL;
}

static struct bucket *bucket_or_spare(const char *client) {
  struct bucket *b = &buckets[hash_str(client) % NBUCKETS];
  if (!b->in_use)
    b = &spare;
  return b;
}

static int allow_request(const char *client) {
  struct bucket *b = bucket_for(client);
  if (b == NULL)
    return 1;
  if (b->tokens > 0) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'buckets.tokens' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    b->tokens--;
    return 1;
  }
  return 0;
}

static int allow_locked(const char *client) {
  pthread_mutex_lock(&table_lock);
  struct bucket *b = bucket_for(client);
  int ok = b && b->tokens > 0;
  if (ok)
    b->tokens--;
  pthread_mutex_unlock(&table_lock);
  return ok;
}

static int allow_under_bucket_lock(const char *client) {
  struct bucket *b = bucket_for(client);
  if (!b)
    return 1;
  pthread_mutex_lock(&b->lock);
  int ok = b->tokens > 0;
  if (ok)
    b->tokens--;
  pthread_mutex_unlock(&b->lock);
  return ok;
}

static int known(const char *client) {
  struct bucket *b = bucket_for(client);
  return b && b->tokens > 0;
}

static void note_seen(const char *client) {
  struct bucket *b = bucket_or_spare(client);
  if (b->seen >= 0)
    b->seen++;
}

static const char *const clients[] = {"10.0.0.7", "10.0.0.9", "192.168.1.20"};

static void *frontend_main(void *arg) {
  int *accepted = arg;
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'allow_request'
    if (allow_request(clients[i % 3]))
      ++*accepted;
  return 0;
}

static void *careful_main(void *arg) {
  int *accepted = arg;
  for (int i = 0; i < 100; i++) {
    *accepted += allow_locked(clients[i % 3]);
    *accepted += allow_under_bucket_lock(clients[i % 3]);
    *accepted += known(clients[i % 3]);
    note_seen(clients[i % 3]);
  }
  return 0;
}

int serve(void) {
  pthread_t t[2];
  int accepted[2] = {0, 0};
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, frontend_main, &accepted[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return accepted[0] + accepted[1];
}

int serve_carefully(void) {
  pthread_t t[2];
  int accepted[2] = {0, 0};
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], 0, careful_main, &accepted[i]);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return accepted[0] + accepted[1];
}
