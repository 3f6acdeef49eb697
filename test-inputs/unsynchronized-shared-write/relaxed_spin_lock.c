/* A spin lock of the program's own whose lock and unlock use only relaxed
 * atomics: the exchange still lets one thread in at a time, but nothing
 * orders what one holder wrote with what the next one reads, so the
 * counter it "guards" is raced on. Its name says lock; its body says it
 * orders nothing. Near misses (silent): the same lock with acquire and
 * release orders, with a fence, and one built on a mutex. */
#include <pthread.h>
#include <stdatomic.h>

#define WORKERS 4

struct ring {
  atomic_int busy;
  unsigned head;
};

static struct ring g_events;
static struct ring g_orders;
static struct ring g_fenced;

static void ring_lock(struct ring *r) {
  while (atomic_exchange_explicit(&r->busy, 1, memory_order_relaxed))
    ;
}

static void ring_unlock(struct ring *r) {
  atomic_store_explicit(&r->busy, 0, memory_order_relaxed);
}

static void *record_events(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    ring_lock(&g_events);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_events.head' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    g_events.head++;
    ring_unlock(&g_events);
  }
  return 0;
}

unsigned count_events(void) {
  pthread_t t[WORKERS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int k = 0; k < WORKERS; k++)
    pthread_create(&t[k], 0, record_events, 0);
  for (int k = 0; k < WORKERS; k++)
    pthread_join(t[k], 0);
  return g_events.head;
}

/* Near miss: acquire on the way in, release on the way out. */
static void orders_lock(struct ring *r) {
  while (atomic_exchange_explicit(&r->busy, 1, memory_order_acquire))
    ;
}

static void orders_unlock(struct ring *r) {
  atomic_store_explicit(&r->busy, 0, memory_order_release);
}

static void *record_orders(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    orders_lock(&g_orders);
    g_orders.head++;
    orders_unlock(&g_orders);
  }
  return 0;
}

unsigned count_orders(void) {
  pthread_t t[WORKERS];
  for (int k = 0; k < WORKERS; k++)
    pthread_create(&t[k], 0, record_orders, 0);
  for (int k = 0; k < WORKERS; k++)
    pthread_join(t[k], 0);
  return g_orders.head;
}

/* Near miss: relaxed operations made into a lock by fences. */
static void fenced_lock(struct ring *r) {
  while (atomic_exchange_explicit(&r->busy, 1, memory_order_relaxed))
    ;
  atomic_thread_fence(memory_order_acquire);
}

static void fenced_unlock(struct ring *r) {
  atomic_thread_fence(memory_order_release);
  atomic_store_explicit(&r->busy, 0, memory_order_relaxed);
}

static void *record_fenced(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++) {
    fenced_lock(&g_fenced);
    g_fenced.head++;
    fenced_unlock(&g_fenced);
  }
  return 0;
}

unsigned count_fenced(void) {
  pthread_t t[WORKERS];
  for (int k = 0; k < WORKERS; k++)
    pthread_create(&t[k], 0, record_fenced, 0);
  for (int k = 0; k < WORKERS; k++)
    pthread_join(t[k], 0);
  return g_fenced.head;
}
