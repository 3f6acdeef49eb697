/* A lock inside an element of the worker's own argument struct, reached
 * through a local pointer (`struct conn *c = &w->conns[i];
 * pthread_mutex_lock(&c->lock)`): each worker takes a lock of its own, so a
 * server-wide total written under it is written by all of them at once.
 * Near miss: the total under the lock of the shared stats object. */
#include <pthread.h>
#include <stddef.h>

#define NCONNS 4

struct stats {
  pthread_mutex_t lock;
  unsigned long bytes_out;
  unsigned long replies;
};

struct conn {
  pthread_mutex_t lock;
  size_t reply_len;
};

struct worker {
  struct stats *stats;
  struct conn conns[NCONNS];
};

static void account(struct stats *st, const struct conn *c) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'shared.bytes_out' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  st->bytes_out += c->reply_len;
}

static void count_reply(struct stats *st) {
  pthread_mutex_lock(&st->lock);
  st->replies++;
  pthread_mutex_unlock(&st->lock);
}

static void *serve(void *arg) {
  struct worker *w = arg;
  for (int i = 0; i < NCONNS; i++) {
    struct conn *c = &w->conns[i];
    pthread_mutex_lock(&c->lock);
    c->reply_len = 64 + (size_t)i;
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'account'
    account(w->stats, c);
    count_reply(w->stats);
    pthread_mutex_unlock(&c->lock);
  }
  return NULL;
}

static struct stats shared;

void serve_all(void) {
  static struct worker workers[2];
  pthread_t threads[2];
  pthread_mutex_init(&shared.lock, NULL);
  for (int w = 0; w < 2; w++) {
    workers[w].stats = &shared;
    for (int i = 0; i < NCONNS; i++)
      pthread_mutex_init(&workers[w].conns[i].lock, NULL);
  }
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int w = 0; w < 2; w++)
    pthread_create(&threads[w], NULL, serve, &workers[w]);
  for (int w = 0; w < 2; w++)
    pthread_join(threads[w], NULL);
}
