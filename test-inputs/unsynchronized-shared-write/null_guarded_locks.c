// C: a library whose locks may be null (built or started without thread
// support) wraps every lock call in a test of the lock object itself:
// `if (l) lock(l)`. On the null path there is no lock to take, and the
// program is single-threaded; the write between such a lock and its unlock
// is protected. A lock skipped on a test of anything else is not held on
// every path.
#include <pthread.h>
#include <stddef.h>

#define WORKERS 4

struct lock_table {
  int (*lock)(unsigned mode, void *lock);
  int (*unlock)(unsigned mode, void *lock);
};
extern struct lock_table locking;

#define GUARDED_LOCK(l) do { if (l) locking.lock(0, (l)); } while (0)
#define GUARDED_UNLOCK(l) do { if (l) locking.unlock(0, (l)); } while (0)

static void *tally_lock;
static pthread_mutex_t *stats_mutex;
static int locking_enabled;
static long tally;
static long tally_compared;
static long stats;
static long flagged;
static long unguarded_release;
static long other_object;

long measure(long value);

// near-miss: both calls skipped only when the lock object is null.
static void *addTally(void *arg) {
  long value = measure((long)arg);
  GUARDED_LOCK(tally_lock);
  tally += value;
  GUARDED_UNLOCK(tally_lock);
  return NULL;
}

// near-miss: the same test written as a comparison, on a pthread mutex.
static void *addCompared(void *arg) {
  if (tally_lock != NULL)
    locking.lock(0, tally_lock);
  tally_compared += (long)arg;
  if (NULL != tally_lock) {
    locking.unlock(0, tally_lock);
  }
  if (stats_mutex != 0)
    pthread_mutex_lock(stats_mutex);
  stats += (long)arg;
  if (stats_mutex)
    pthread_mutex_unlock(stats_mutex);
  return NULL;
}

void runGuarded(void) {
  pthread_t ids[2][WORKERS];
  for (long i = 0; i < WORKERS; ++i) {
    pthread_create(&ids[0][i], NULL, addTally, (void *)i);
    pthread_create(&ids[1][i], NULL, addCompared, (void *)i);
  }
  for (int k = 0; k < 2; ++k)
    for (int i = 0; i < WORKERS; ++i)
      pthread_join(ids[k][i], NULL);
}

// The lock depends on a flag, not on the lock object: with the flag off,
// the workers write unlocked.
static void *addFlagged(void *arg) {
  if (locking_enabled)
    locking.lock(0, tally_lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'flagged' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  flagged += (long)arg;
  if (locking_enabled)
    locking.unlock(0, tally_lock);
  return NULL;
}

// A null-guarded unlock releases the lock, as the unguarded one does.
static void *addAfterRelease(void *arg) {
  GUARDED_LOCK(tally_lock);
  GUARDED_UNLOCK(tally_lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'unguarded_release' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  unguarded_release += (long)arg;
  return NULL;
}

// The test names another object than the one locked.
static void *addOtherObject(void *arg) {
  if (stats_mutex)
    locking.lock(0, tally_lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'other_object' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  other_object += (long)arg;
  locking.unlock(0, tally_lock);
  return NULL;
}

void runUnguarded(void) {
  pthread_t ids[3][WORKERS];
  // EXPECT-NOTE@+3:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (long i = 0; i < WORKERS; ++i) {
    pthread_create(&ids[0][i], NULL, addFlagged, (void *)i);
    pthread_create(&ids[1][i], NULL, addAfterRelease, (void *)i);
    pthread_create(&ids[2][i], NULL, addOtherObject, (void *)i);
  }
  for (int k = 0; k < 3; ++k)
    for (int i = 0; i < WORKERS; ++i)
      pthread_join(ids[k][i], NULL);
}
