/* Each worker gets its own element of a global table (`&workers[i]`) and
 * writes only that element, which is fine between workers. A watchdog thread
 * that reads every element while they run races with each of them. Near
 * misses: a watchdog that takes each element's own lock, atomic beats, and a
 * watchdog started only after the workers were joined. */
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

#define NWORKERS 4

struct worker_state {
  int id;
  unsigned long last_beat;
  unsigned long items;
};

static struct worker_state g_workers[NWORKERS];

static void heartbeat(struct worker_state *ws, unsigned long now) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_workers.last_beat' in the worker's own slot, which another thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
  ws->last_beat = now;
}

static void *worker_main(void *p) {
  struct worker_state *ws = p;
  for (unsigned long i = 1; i <= 40000; i++)
    if (i % 64 == 0)
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'heartbeat'
      heartbeat(ws, i);
  ws->items = 40000;
  return NULL;
}

static void *watchdog_main(void *p) {
  int *stalls = p;
  unsigned long prev[NWORKERS] = {0};
  for (int round = 0; round < 3000; round++)
    for (int w = 0; w < NWORKERS; w++) {
      // EXPECT-NOTE@+1:25 another worker reads 'g_workers.last_beat' here
      unsigned long b = g_workers[w].last_beat;
      if (b == prev[w] && b != 0)
        (*stalls)++;
      prev[w] = b;
    }
  return NULL;
}

int watch_workers(void) {
  pthread_t threads[NWORKERS], dog;
  int stalls = 0;
  for (int i = 0; i < NWORKERS; i++) {
    g_workers[i].id = i;
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[i], NULL, worker_main, &g_workers[i]);
  }
  // EXPECT-NOTE@+1:3 the reading worker is started here
  pthread_create(&dog, NULL, watchdog_main, &stalls);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
  pthread_join(dog, NULL);
  return stalls;
}

/* Near miss: every access to an element holds that element's lock. */
struct locked_state {
  pthread_mutex_t lock;
  unsigned long last_beat;
};

static struct locked_state g_locked[NWORKERS];

static void *locked_worker(void *p) {
  struct locked_state *ls = p;
  for (unsigned long i = 1; i <= 40000; i++) {
    pthread_mutex_lock(&ls->lock);
    ls->last_beat = i;
    pthread_mutex_unlock(&ls->lock);
  }
  return NULL;
}

static void *locked_watchdog(void *p) {
  unsigned long *seen = p;
  for (int round = 0; round < 3000; round++)
    for (int w = 0; w < NWORKERS; w++) {
      pthread_mutex_lock(&g_locked[w].lock);
      *seen += g_locked[w].last_beat;
      pthread_mutex_unlock(&g_locked[w].lock);
    }
  return NULL;
}

unsigned long watch_locked(void) {
  pthread_t threads[NWORKERS], dog;
  unsigned long seen = 0;
  for (int i = 0; i < NWORKERS; i++) {
    pthread_mutex_init(&g_locked[i].lock, NULL);
    pthread_create(&threads[i], NULL, locked_worker, &g_locked[i]);
  }
  pthread_create(&dog, NULL, locked_watchdog, &seen);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
  pthread_join(dog, NULL);
  return seen;
}

/* Near miss: the beats are atomic. */
struct atomic_state {
  _Atomic unsigned long last_beat;
};

static struct atomic_state g_atomic[NWORKERS];

static void *atomic_worker(void *p) {
  struct atomic_state *as = p;
  for (unsigned long i = 1; i <= 40000; i++)
    atomic_store(&as->last_beat, i);
  return NULL;
}

static void *atomic_watchdog(void *p) {
  unsigned long *seen = p;
  for (int w = 0; w < NWORKERS; w++)
    *seen += atomic_load(&g_atomic[w].last_beat);
  return NULL;
}

unsigned long watch_atomic(void) {
  pthread_t threads[NWORKERS], dog;
  unsigned long seen = 0;
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&threads[i], NULL, atomic_worker, &g_atomic[i]);
  pthread_create(&dog, NULL, atomic_watchdog, &seen);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
  pthread_join(dog, NULL);
  return seen;
}

/* Near miss: the reader starts only once every worker is joined. */
unsigned long audit_after_join(void) {
  pthread_t threads[NWORKERS], dog;
  int stalls = 0;
  for (int i = 0; i < NWORKERS; i++)
    pthread_create(&threads[i], NULL, worker_main, &g_workers[i]);
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], NULL);
  pthread_create(&dog, NULL, watchdog_main, &stalls);
  pthread_join(dog, NULL);
  return (unsigned long)stalls;
}
