/* Hand-made partitions whose ranges meet: a worker's last index is the
 * next worker's first (`i <= hi` with `hi = lo + chunk`), so neighbouring
 * threads both write the boundary element. Near misses: the same bounds
 * with `<`, an inclusive bound one short of the next start, and a bound
 * parlint cannot follow (set in two places). */
#include <pthread.h>
#include <stdlib.h>

#define WORKERS 4

struct slab {
  const double *in;
  double *out;
  int lo;
  int hi;
};

static void partition(struct slab *slabs, int n, int cells) {
  int chunk = cells / n;
  for (int t = 0; t < n; t++) {
    slabs[t].lo = 1 + t * chunk;
    slabs[t].hi = (t == n - 1) ? cells : slabs[t].lo + chunk;
  }
}

static void *smooth(void *arg) {
  struct slab *s = arg;
  // EXPECT-NOTE@+1:23 each launch's range of 'i' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (int i = s->lo; i <= s->hi; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to '*next' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    s->out[i] = 0.5 * (s->in[i - 1] + s->in[i + 1]);
  return NULL;
}

static void smooth_all(const double *cur, double *next, int cells) {
  struct slab slabs[WORKERS];
  pthread_t tids[WORKERS];
  partition(slabs, WORKERS, cells);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < WORKERS; t++) {
    slabs[t].in = cur;
    slabs[t].out = next;
    pthread_create(&tids[t], NULL, smooth, &slabs[t]);
  }
  for (int t = 0; t < WORKERS; t++)
    pthread_join(tids[t], NULL);
}

/* Rows of an image, bounds set where the workers start; the image is
 * reached through a pointer member. */
struct image {
  int w, h;
  unsigned char *px;
};

struct band {
  struct image *img;
  int first, last;
};

static void *darken_rows(void *arg) {
  struct band *b = arg;
  // EXPECT-NOTE@+1:26 each launch's range of 'y' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (int y = b->first; y <= b->last && y < b->img->h; y++)
    for (int x = 0; x < b->img->w; x++)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'img->px' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      b->img->px[y * b->img->w + x] /= 2;
  return NULL;
}

static void darken(struct image *img) {
  struct band bands[WORKERS];
  pthread_t tids[WORKERS];
  int rows = img->h / WORKERS;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < WORKERS; i++) {
    bands[i].img = img;
    bands[i].first = i * rows;
    bands[i].last = (i + 1) * rows;
    pthread_create(&tids[i], NULL, darken_rows, &bands[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], NULL);
}

/* Near misses: an exclusive bound at the next start, and an inclusive one
 * that stops one short of it. */
struct span {
  int *out;
  int begin, end, last;
};

static void *fill_exclusive(void *arg) {
  struct span *s = arg;
  for (int i = s->begin; i < s->end; i++)
    s->out[i] = i;
  return NULL;
}

static void *fill_inclusive(void *arg) {
  struct span *s = arg;
  for (int i = s->begin; i <= s->last; i++)
    s->out[i] = -i;
  return NULL;
}

static void fill(int *out, int n) {
  struct span spans[WORKERS];
  pthread_t tids[WORKERS];
  int chunk = n / WORKERS;
  for (int t = 0; t < WORKERS; t++) {
    spans[t].out = out;
    spans[t].begin = t * chunk;
    spans[t].end = spans[t].begin + chunk;
    spans[t].last = (t + 1) * chunk - 1;
    pthread_create(&tids[t], NULL, fill_exclusive, &spans[t]);
  }
  for (int t = 0; t < WORKERS; t++)
    pthread_join(tids[t], NULL);
  for (int t = 0; t < WORKERS; t++)
    pthread_create(&tids[t], NULL, fill_inclusive, &spans[t]);
  for (int t = 0; t < WORKERS; t++)
    pthread_join(tids[t], NULL);
}

/* Near miss: the end is set in two places; which one a launch sees is not
 * known here, so nothing is said. */
struct piece {
  long *out;
  int from, to;
};

static void *clear_piece(void *arg) {
  struct piece *p = arg;
  for (int i = p->from; i <= p->to; i++)
    p->out[i] = 0;
  return NULL;
}

static void clear_all(long *out, int n, int tight) {
  struct piece pieces[WORKERS];
  pthread_t tids[WORKERS];
  int chunk = n / WORKERS;
  for (int t = 0; t < WORKERS; t++) {
    pieces[t].out = out;
    pieces[t].from = t * chunk;
    pieces[t].to = pieces[t].from + chunk;
    if (tight)
      pieces[t].to = pieces[t].from + chunk - 1;
    pthread_create(&tids[t], NULL, clear_piece, &pieces[t]);
  }
  for (int t = 0; t < WORKERS; t++)
    pthread_join(tids[t], NULL);
}

int main(void) {
  double *a = calloc(1026, sizeof(double)), *b = calloc(1026, sizeof(double));
  struct image img = {64, 64, calloc(64 * 64, 1)};
  int *ints = calloc(1024, sizeof(int));
  long *longs = calloc(1024, sizeof(long));
  smooth_all(a, b, 1024);
  darken(&img);
  fill(ints, 1024);
  clear_all(longs, 1023, 1);
  free(a);
  free(b);
  free(img.px);
  free(ints);
  free(longs);
  return 0;
}
