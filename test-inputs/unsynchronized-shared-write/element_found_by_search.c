/* A search helper that returns the address of the element it found inside
 * its loop (`return &t->rows[i];`): what the caller writes through it is
 * that table's element. Written under a reader lock, which lets every
 * reader in at once. Near miss: the same write under the lock taken
 * exclusively. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdint.h>

#define MAX_ROWS 64

struct row {
  uint64_t key;
  uint64_t last_access;
};

struct table {
  pthread_rwlock_t lock;
  struct row rows[MAX_ROWS];
  int nrows;
};

static struct row *find_row(struct table *t, uint64_t key) {
  for (int i = 0; i < t->nrows; i++)
    if (t->rows[i].key == key)
      return &t->rows[i];
  return 0;
}

static int touch_shared(struct table *t, uint64_t key, uint64_t now) {
  int found = 0;
  pthread_rwlock_rdlock(&t->lock);
  struct row *r = find_row(t, key);
  if (r) {
    // EXPECT-WARNING@+2:5 unsynchronized write to 'g_users.rows.last_access' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 the lock is held in shared mode here, and other holders in shared mode run at the same time; take it exclusively (std::unique_lock, lock()) to write
    r->last_access = now;
    found = 1;
  }
  pthread_rwlock_unlock(&t->lock);
  return found;
}

static int touch_exclusive(struct table *t, uint64_t key, uint64_t now) {
  int found = 0;
  pthread_rwlock_wrlock(&t->lock);
  struct row *r = find_row(t, key);
  if (r) {
    r->last_access = now;
    found = 1;
  }
  pthread_rwlock_unlock(&t->lock);
  return found;
}

static struct table g_users;
static struct table g_groups;

static void *session(void *arg) {
  uint64_t key = (uint64_t)(uintptr_t)arg;
  for (int i = 0; i < 40; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'touch_shared'
    touch_shared(&g_users, key, (uint64_t)i);
  return 0;
}

static void *group_session(void *arg) {
  uint64_t key = (uint64_t)(uintptr_t)arg;
  for (int i = 0; i < 40; i++)
    touch_exclusive(&g_groups, key, (uint64_t)i);
  return 0;
}

void serve(void) {
  pthread_t t[4], g[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (uintptr_t i = 0; i < 4; i++)
    pthread_create(&t[i], 0, session, (void *)(1000 + i % 2));
  for (uintptr_t i = 0; i < 4; i++)
    pthread_create(&g[i], 0, group_session, (void *)(2000 + i % 2));
  for (int i = 0; i < 4; i++) {
    pthread_join(t[i], 0);
    pthread_join(g[i], 0);
  }
}
