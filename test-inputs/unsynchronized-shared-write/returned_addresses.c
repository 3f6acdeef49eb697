/* Near miss: a pool hands out the address of a free slot, chosen and
 * marked under the pool's lock. Returning the address reads nothing; each
 * instance tests and writes `in_use` only while holding the lock. */
#include <pthread.h>
#include <stddef.h>

#define SLOTS 2
#define CLIENTS 4

struct slot {
  int in_use;
  long uses;
};

struct pool {
  pthread_mutex_t lock;
  struct slot slots[SLOTS];
};

static struct pool shared_pool = {.lock = PTHREAD_MUTEX_INITIALIZER};

static struct slot *take(struct pool *p) {
  pthread_mutex_lock(&p->lock);
  for (int i = 0; i < SLOTS; i++) {
    if (!p->slots[i].in_use) {
      p->slots[i].in_use = 1;
      pthread_mutex_unlock(&p->lock);
      return &p->slots[i];
    }
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

static void give_back(struct pool *p, struct slot *s) {
  pthread_mutex_lock(&p->lock);
  s->in_use = 0;
  pthread_mutex_unlock(&p->lock);
}

static void *client(void *arg) {
  (void)arg;
  for (int k = 0; k < 10; k++) {
    struct slot *s = take(&shared_pool);
    if (s)
      give_back(&shared_pool, s);
  }
  return NULL;
}

void run_clients(void) {
  pthread_t threads[CLIENTS];
  for (int i = 0; i < CLIENTS; i++)
    pthread_create(&threads[i], NULL, client, NULL);
  for (int i = 0; i < CLIENTS; i++)
    pthread_join(threads[i], NULL);
}
