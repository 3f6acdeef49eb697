/* A plan that clamps the last range to a field of the buffer
 * (`if (c[k].hi > tb->n - 1) c[k].hi = tb->n - 1;`): the field is the same
 * on every trip, so only the trailing ranges shrink, and the inclusive ends
 * still reach the next range's start. Near miss: a clamp to a field the
 * planning loop itself changes is no clamp parlint can follow (silent). */
#include <pthread.h>
#include <stddef.h>

#define WORKERS 3

struct trace {
  size_t n;
  int *out;
};

struct chunk {
  const struct trace *tb;
  size_t lo, hi;
};

static void split(const struct trace *tb, struct chunk *c, int n) {
  size_t per = (tb->n + (size_t)n - 1) / (size_t)n;
  for (int k = 0; k < n; k++) {
    c[k].tb = tb;
    c[k].lo = (size_t)k * per;
    c[k].hi = c[k].lo + per;
    if (c[k].hi > tb->n - 1)
      c[k].hi = tb->n - 1;
  }
}

static void *smooth(void *arg) {
  const struct chunk *c = arg;
  const struct trace *tb = c->tb;
  // EXPECT-NOTE@+1:26 each launch's range of 'i' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (size_t i = c->lo; i <= c->hi; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'tb->out' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    tb->out[i] = 1;
  return NULL;
}

void smooth_all(struct trace *tb) {
  struct chunk chunks[WORKERS];
  pthread_t tids[WORKERS];
  split(tb, chunks, WORKERS);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int k = 0; k < WORKERS; k++)
    pthread_create(&tids[k], NULL, smooth, &chunks[k]);
  for (int k = 0; k < WORKERS; k++)
    pthread_join(tids[k], NULL);
}

struct window {
  size_t limit;
  int *out;
};

struct part {
  struct window *w;
  size_t lo, hi;
};

static void split_growing(struct window *w, struct part *p, int n) {
  size_t per = w->limit / (size_t)n;
  for (int k = 0; k < n; k++) {
    p[k].w = w;
    p[k].lo = (size_t)k * per;
    p[k].hi = p[k].lo + per;
    w->limit = w->limit + 1;
    if (p[k].hi > w->limit)
      p[k].hi = w->limit;
  }
}

static void *fill(void *arg) {
  struct part *p = arg;
  for (size_t i = p->lo; i <= p->hi; i++)
    p->w->out[i] = 2;
  return NULL;
}

void fill_all(struct window *w) {
  struct part parts[WORKERS];
  pthread_t tids[WORKERS];
  split_growing(w, parts, WORKERS);
  for (int k = 0; k < WORKERS; k++)
    pthread_create(&tids[k], NULL, fill, &parts[k]);
  for (int k = 0; k < WORKERS; k++)
    pthread_join(tids[k], NULL);
}
