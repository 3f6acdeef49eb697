// pthread workers calling C helpers that write a static counter: reported at
// the write when no lock is held; a helper that takes the mutex, or a worker
// that calls under it, stays silent.
#include <pthread.h>
#include <stddef.h>

static long processed;
static pthread_mutex_t processedLock = PTHREAD_MUTEX_INITIALIZER;

// EXPECT-WARNING@+1:31 unsynchronized write to 'processed' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
static void countItem(void) { processed++; }
static void handleItem(void) { countItem(); }

static void *worker(void *arg) {
  (void)arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'handleItem'
  handleItem();
  return NULL;
}

void runWorkers(void) {
  pthread_t threads[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; ++i)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_join(threads[i], NULL);
}

// near-miss: the helper takes the mutex around the write.
static long locked;
static void countLocked(void) {
  pthread_mutex_lock(&processedLock);
  locked++;
  pthread_mutex_unlock(&processedLock);
}
static void *lockingWorker(void *arg) {
  (void)arg;
  countLocked();
  return NULL;
}

// near-miss: the worker holds the mutex around the helper's call.
static long counted;
static void countPlain(void) { counted++; }
static void *callerLocks(void *arg) {
  (void)arg;
  pthread_mutex_lock(&processedLock);
  countPlain();
  pthread_mutex_unlock(&processedLock);
  return NULL;
}

void runLocked(void) {
  pthread_t threads[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&threads[i], NULL, lockingWorker, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_join(threads[i], NULL);
  for (int i = 0; i < 4; ++i)
    pthread_create(&threads[i], NULL, callerLocks, NULL);
  for (int i = 0; i < 4; ++i)
    pthread_join(threads[i], NULL);
}
