/* A slot claimed by bumping a counter under a lock (`seq = r->head++;`
 * between lock and unlock) and filled after the unlock: no two workers get
 * the same slot, so their fills do not meet (near miss: silent, the dump
 * runs after the joins). A reader that takes the counter as "filled up to
 * here" while the workers run reads a slot that may still be being filled. */
#include <pthread.h>

#define CAP 256
#define WORKERS 4

struct rec {
  unsigned seq;
  unsigned worker;
};

struct ring {
  pthread_mutex_t lock;
  unsigned head;
  struct rec slots[CAP];
};

static struct ring g_ring = {PTHREAD_MUTEX_INITIALIZER, 0, {{0, 0}}};
static struct ring g_live = {PTHREAD_MUTEX_INITIALIZER, 0, {{0, 0}}};

static void emit(struct ring *r, unsigned worker) {
  pthread_mutex_lock(&r->lock);
  // EXPECT-NOTE@+1:18 the slot is claimed here: the counter announces it before it is filled, so a reader that trusts the counter reads it while it is written; publish each slot once filled (a second counter stored with release after the write, or a ready flag per slot)
  unsigned seq = r->head++;
  pthread_mutex_unlock(&r->lock);
  struct rec *e = &r->slots[seq % CAP];
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_live.slots.seq' in the worker's own slot, which the launching thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
  e->seq = seq;
  e->worker = worker;
}

static void *emitter(void *arg) {
  for (int i = 0; i < 32; i++)
    emit(&g_ring, (unsigned)(unsigned long)arg);
  return 0;
}

unsigned dump_after_join(void) {
  pthread_t t[WORKERS];
  for (unsigned long k = 0; k < WORKERS; k++)
    pthread_create(&t[k], 0, emitter, (void *)k);
  for (int k = 0; k < WORKERS; k++)
    pthread_join(t[k], 0);
  unsigned sum = 0;
  for (unsigned i = 0; i < g_ring.head && i < CAP; i++)
    sum += g_ring.slots[i].seq;
  return sum;
}

static void *live_emitter(void *arg) {
  for (int i = 0; i < 32; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'emit'
    emit(&g_live, (unsigned)(unsigned long)arg);
  return 0;
}

unsigned peek_while_running(void) {
  pthread_t t[WORKERS];
  for (unsigned long k = 0; k < WORKERS; k++)
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&t[k], 0, live_emitter, (void *)k);
  pthread_mutex_lock(&g_live.lock);
  unsigned n = g_live.head;
  pthread_mutex_unlock(&g_live.lock);
  unsigned sum = 0;
  for (unsigned i = 0; i < n && i < CAP; i++)
    // EXPECT-NOTE@+1:12 the launching thread reads 'g_live.slots.seq' here while the worker may still be running
    sum += g_live.slots[i].seq;
  for (int k = 0; k < WORKERS; k++)
    pthread_join(t[k], 0);
  return sum;
}
