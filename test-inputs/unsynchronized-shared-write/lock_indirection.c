// C: locks taken through a table of function pointers and the macros that
// wrap it, the way a library with pluggable locking does. A call through a
// pointer (or a macro) named lock/unlock/acquire/release/enter/leave holds
// the lock its argument names, and the matching unlock of the same
// argument releases it.
#include <pthread.h>
#include <stddef.h>

#define WORKERS 4

struct lock_callbacks {
  void *(*alloc)(unsigned kind);
  int (*lock)(unsigned mode, void *lock);
  int (*unlock)(unsigned mode, void *lock);
};
extern struct lock_callbacks lock_fns;

#define LOCK(x) lock_fns.lock(0, (x))
#define UNLOCK(x) lock_fns.unlock(0, (x))

typedef void (*hook_fn)(void *);
extern hook_fn acquire_hook, release_hook, clock_tick_hook;

int op_apply(void *target, int op);
#define ENTER_SECTION(x) op_apply((x), 1)
#define LEAVE_SECTION(x) op_apply((x), 0)

static void *g_lock;
static void *g_other_lock;
static long g_hits;
static long g_misses;
static long g_counted;
static long g_hooked;
static long g_sectioned;
static long g_nested;
static long g_ticks;

long compute(long value);

// near-miss: LOCK(g_lock) expands to lock_fns.lock(0, g_lock).
static void *countHit(void *arg) {
  long value = compute((long)arg);
  LOCK(g_lock);
  g_hits += value;
  UNLOCK(g_lock);
  return NULL;
}

// near-miss: the same table called directly, and a pointer variable.
static void *countDirect(void *arg) {
  lock_fns.lock(1, g_lock);
  g_counted += (long)arg;
  lock_fns.unlock(1, g_lock);
  acquire_hook(g_other_lock);
  g_hooked += (long)arg;
  release_hook(g_other_lock);
  return NULL;
}

// near-miss: unlocking one lock leaves the other held.
static void *countNested(void *arg) {
  LOCK(g_other_lock);
  LOCK(g_lock);
  UNLOCK(g_lock);
  g_nested += (long)arg;
  UNLOCK(g_other_lock);
  return NULL;
}

// near-miss: a macro whose name says enter/leave around a plain call.
static void *countSection(void *arg) {
  ENTER_SECTION(g_lock);
  g_sectioned += (long)arg;
  LEAVE_SECTION(g_lock);
  return NULL;
}

void runLocked(void) {
  pthread_t ids[4][WORKERS];
  for (long i = 0; i < WORKERS; ++i) {
    pthread_create(&ids[0][i], NULL, countHit, (void *)i);
    pthread_create(&ids[1][i], NULL, countDirect, (void *)i);
    pthread_create(&ids[2][i], NULL, countSection, (void *)i);
    pthread_create(&ids[3][i], NULL, countNested, (void *)i);
  }
  for (int k = 0; k < 4; ++k)
    for (int i = 0; i < WORKERS; ++i)
      pthread_join(ids[k][i], NULL);
}

// The write comes after the unlock of the same lock: nothing is held.
static void *countMiss(void *arg) {
  LOCK(g_lock);
  UNLOCK(g_lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_misses' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g_misses += (long)arg;
  return NULL;
}

// clock_tick_hook says clock and tick, not lock: nothing is held.
static void *countTick(void *arg) {
  clock_tick_hook(g_lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_ticks' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g_ticks += (long)arg;
  return NULL;
}

void runUnlocked(void) {
  pthread_t ids[2][WORKERS];
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (long i = 0; i < WORKERS; ++i) {
    pthread_create(&ids[0][i], NULL, countMiss, (void *)i);
    pthread_create(&ids[1][i], NULL, countTick, (void *)i);
  }
  for (int k = 0; k < 2; ++k)
    for (int i = 0; i < WORKERS; ++i)
      pthread_join(ids[k][i], NULL);
}
