// C: pthreads writing globals.
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#define WORKERS 4

static long g_total;
static long g_locked_total;
static atomic_long g_atomic_total;
static long g_slots[WORKERS];
static int g_done;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

long compute(long value);

// Every thread adds into one global.
static void *addAll(void *arg) {
  long value = compute((long)arg);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_total' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g_total += value;
  return NULL;
}

void runAll(void) {
  pthread_t ids[WORKERS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (long i = 0; i < WORKERS; ++i)
    pthread_create(&ids[i], NULL, addAll, (void *)i);
  for (int i = 0; i < WORKERS; ++i)
    pthread_join(ids[i], NULL);
}

// The parent reads the flag while the thread may still write it.
static void *finish(void *arg) {
  (void)arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_done' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g_done = 1;
  return NULL;
}

int pollDone(void) {
  pthread_t id;
  if (pthread_create(&id, NULL, finish, NULL) != 0)
    return -1;
  // EXPECT-NOTE@+1:14 the launching thread reads 'g_done' here while the worker may still be running
  int seen = g_done;
  pthread_join(id, NULL);
  return seen;
}

// near-miss: the lock is held, the atomic is atomic, the slot is the thread's own.
static void *careful(void *arg) {
  long index = (long)arg;
  long value = compute(index);
  pthread_mutex_lock(&g_lock);
  g_locked_total += value;
  pthread_mutex_unlock(&g_lock);
  atomic_fetch_add(&g_atomic_total, value);
  g_atomic_total += value;
  g_slots[index] = value;
  return NULL;
}

void runCareful(void) {
  pthread_t ids[WORKERS];
  for (long i = 0; i < WORKERS; ++i)
    pthread_create(&ids[i], NULL, careful, (void *)i);
  for (int i = 0; i < WORKERS; ++i)
    pthread_join(ids[i], NULL);
}

// near-miss: one thread, joined before the read.
int joinedFirst(void) {
  pthread_t id;
  if (pthread_create(&id, NULL, finish, NULL) != 0)
    return -1;
  pthread_join(id, NULL);
  return g_done;
}

static volatile int g_finished;
static volatile long g_progress;

// near-miss: a constant stored into a volatile flag the parent polls (no
// update can be lost or torn; volatile says the flag crosses threads on
// purpose). Counting on a volatile is still a race.
static void *signalFinished(void *arg) {
  (void)arg;
  for (int step = 0; step < 100; ++step)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_progress' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    g_progress++;
  g_finished = 1;
  return NULL;
}

long pollFinished(void) {
  pthread_t id;
  g_finished = 0;
  if (pthread_create(&id, NULL, signalFinished, NULL) != 0)
    return -1;
  long seen = 0;
  // EXPECT-NOTE@+1:13 the launching thread reads 'g_progress' here while the worker may still be running
  do seen = g_progress; while (g_finished == 0);
  pthread_join(id, NULL);
  return seen;
}
