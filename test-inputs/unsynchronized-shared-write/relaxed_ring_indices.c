/* A single-producer single-consumer ring whose indices are atomics loaded
 * and stored with relaxed order: a slot index read from an atomic is data,
 * any slot, so the producer's copy into a slot meets the consumer's copy
 * out of it. Near miss: the same ring with acquire loads and release
 * stores, which hand each slot over. */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define RING 64
#define RECORDS 1000

struct record { unsigned seq; int level; };

struct ring {
  struct record slots[RING];
  atomic_uint head, tail;
};

static struct ring g_relaxed, g_ordered;

static int push_relaxed(struct ring *r, const struct record *rec) {
  unsigned h = atomic_load_explicit(&r->head, memory_order_relaxed);
  unsigned t = atomic_load_explicit(&r->tail, memory_order_relaxed);
  if (h - t == RING)
    return 0;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_relaxed.slots' while a worker started earlier may be reading it; guard every access with one mutex
  r->slots[h % RING] = *rec;
  atomic_store_explicit(&r->head, h + 1, memory_order_relaxed);
  return 1;
}

static int pop_relaxed(struct ring *r, struct record *out) {
  unsigned t = atomic_load_explicit(&r->tail, memory_order_relaxed);
  unsigned h = atomic_load_explicit(&r->head, memory_order_relaxed);
  if (t == h)
    return 0;
  *out = r->slots[t % RING];
  atomic_store_explicit(&r->tail, t + 1, memory_order_relaxed);
  return 1;
}

static void *relaxed_consumer(void *arg) {
  struct ring *r = arg;
  long levels = 0;
  for (unsigned got = 0; got < RECORDS;) {
    struct record rec;
    // EXPECT-NOTE@+1:10 the worker reads 'g_relaxed.slots' through this call of 'pop_relaxed'
    if (!pop_relaxed(r, &rec)) {
      sched_yield();
      continue;
    }
    levels += rec.level;
    got++;
  }
  return (void *)levels;
}

void produce_relaxed(void) {
  pthread_t consumer;
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&consumer, 0, relaxed_consumer, &g_relaxed);
  for (unsigned seq = 0; seq < RECORDS; seq++) {
    struct record rec = {seq, (int)(seq % 5)};
    // EXPECT-NOTE@+1:13 the launching thread makes the write through this call of 'push_relaxed'
    while (!push_relaxed(&g_relaxed, &rec))
      sched_yield();
  }
  pthread_join(consumer, 0);
}

/* Near miss. */

static int push_ordered(struct ring *r, const struct record *rec) {
  unsigned h = atomic_load_explicit(&r->head, memory_order_relaxed);
  unsigned t = atomic_load_explicit(&r->tail, memory_order_acquire);
  if (h - t == RING)
    return 0;
  r->slots[h % RING] = *rec;
  atomic_store_explicit(&r->head, h + 1, memory_order_release);
  return 1;
}

static int pop_ordered(struct ring *r, struct record *out) {
  unsigned t = atomic_load_explicit(&r->tail, memory_order_relaxed);
  unsigned h = atomic_load_explicit(&r->head, memory_order_acquire);
  if (t == h)
    return 0;
  *out = r->slots[t % RING];
  atomic_store_explicit(&r->tail, t + 1, memory_order_release);
  return 1;
}

static void *ordered_consumer(void *arg) {
  struct ring *r = arg;
  long levels = 0;
  for (unsigned got = 0; got < RECORDS;) {
    struct record rec;
    if (!pop_ordered(r, &rec)) {
      sched_yield();
      continue;
    }
    levels += rec.level;
    got++;
  }
  return (void *)levels;
}

void produce_ordered(void) {
  pthread_t consumer;
  pthread_create(&consumer, 0, ordered_consumer, &g_ordered);
  for (unsigned seq = 0; seq < RECORDS; seq++) {
    struct record rec = {seq, (int)(seq % 5)};
    while (!push_ordered(&g_ordered, &rec))
      sched_yield();
  }
  pthread_join(consumer, 0);
}
