// C: a read-write lock of the project's own, taken by functions whose names
// run the lock kind into the word (`db_writelock`, `db_readunlock`, the way
// WiredTiger spells them), and chosen per operation. Writes under the write
// lock are protected; the functions that make or destroy the lock take
// nothing.
#include <pthread.h>
#include <stdbool.h>

#define WORKERS 8

struct session;
struct rwlock {
  volatile unsigned state;
};
void db_writelock(struct session *s, struct rwlock *l);
void db_readlock(struct session *s, struct rwlock *l);
void db_writeunlock(struct session *s, struct rwlock *l);
void db_readunlock(struct session *s, struct rwlock *l);
void db_rwlock_init(struct session *s, struct rwlock *l);
void db_rwlock_destroy(struct session *s, struct rwlock *l);
struct session *open_session(void);

static struct rwlock table_lock;
static unsigned long shared_counter;
static unsigned long init_counter;

// near-miss: the write happens only when the write lock was taken.
static void *locked_worker(void *arg) {
  struct session *s = open_session();
  (void)arg;
  for (unsigned long i = 1; i <= 1000; ++i) {
    bool writing = i % 10 == 0;
    if (writing)
      db_writelock(s, &table_lock);
    else
      db_readlock(s, &table_lock);
    unsigned long seen;
    if (writing)
      seen = ++shared_counter;
    else
      seen = shared_counter;
    (void)seen;
    if (writing)
      db_writeunlock(s, &table_lock);
    else
      db_readunlock(s, &table_lock);
  }
  return NULL;
}

// The lock made anew around the write takes nothing: still a race.
static void *init_worker(void *arg) {
  struct session *s = open_session();
  struct rwlock fresh;
  (void)arg;
  db_rwlock_init(s, &fresh);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'init_counter' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  init_counter++;
  db_rwlock_destroy(s, &fresh);
  return NULL;
}

void run_all(void) {
  pthread_t ids[WORKERS], inits[WORKERS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < WORKERS; ++i) {
    pthread_create(&ids[i], NULL, locked_worker, NULL);
    pthread_create(&inits[i], NULL, init_worker, NULL);
  }
  for (int i = 0; i < WORKERS; ++i) {
    pthread_join(ids[i], NULL);
    pthread_join(inits[i], NULL);
  }
}
