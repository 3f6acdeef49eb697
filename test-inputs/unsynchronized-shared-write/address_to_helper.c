/* A worker that hands a shared object's address to a helper the summaries
 * follow touches what the helper's summary says, with the helper's locks;
 * taking the address is no read of the whole object. All silent. */
#include <pthread.h>
#include <string.h>

#define CAP 4
#define PRODUCERS 3

struct ring {
  pthread_mutex_t lock;
  char msgs[CAP][32];
  int head, count, left;
};

static struct ring g_ring = {PTHREAD_MUTEX_INITIALIZER, {{0}}, 0, 0, PRODUCERS};

static int ring_push(struct ring *r, const char *msg) {
  pthread_mutex_lock(&r->lock);
  if (r->count == CAP) {
    pthread_mutex_unlock(&r->lock);
    return -1;
  }
  int slot = (r->head + r->count) % CAP;
  strncpy(r->msgs[slot], msg, 31);
  r->count++;
  pthread_mutex_unlock(&r->lock);
  return 0;
}

static void *producer(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    ring_push(&g_ring, "served");
  pthread_mutex_lock(&g_ring.lock);
  g_ring.left--;
  pthread_mutex_unlock(&g_ring.lock);
  return 0;
}

static void *drainer(void *arg) {
  int *drained = arg;
  for (;;) {
    pthread_mutex_lock(&g_ring.lock);
    if (g_ring.count == 0 && g_ring.left == 0) {
      pthread_mutex_unlock(&g_ring.lock);
      break;
    }
    if (g_ring.count > 0) {
      g_ring.head = (g_ring.head + 1) % CAP;
      g_ring.count--;
      ++*drained;
    }
    pthread_mutex_unlock(&g_ring.lock);
  }
  return 0;
}

int run_ring(void) {
  pthread_t producers[PRODUCERS], drain;
  int drained = 0;
  pthread_create(&drain, 0, drainer, &drained);
  for (long i = 0; i < PRODUCERS; i++)
    pthread_create(&producers[i], 0, producer, (void *)i);
  for (int i = 0; i < PRODUCERS; i++)
    pthread_join(producers[i], 0);
  pthread_join(drain, 0);
  return drained;
}
