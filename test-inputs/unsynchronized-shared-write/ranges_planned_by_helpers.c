/* Partitions planned by a helper and walked by a helper. The helper that
 * plans fills every element's bounds and data pointer in one loop (a clamp
 * of the last range to a bound every trip shares does not change the
 * others); the worker hands its argument struct to a function whose loop
 * runs from its `first` to its `last`. Inclusive ends that reach the next
 * range's start make neighbouring workers write the boundary element.
 * Near misses: the same plan with `<`; an inclusive end one short of the
 * next start; a loop that starts at 0 in every worker (each writes the
 * whole row of a buffer of its own). */
#include <pthread.h>
#include <stddef.h>

#define SLICES 4
#define SAMPLES 4096

static double g_samples[SAMPLES];

struct slice {
  double *data;
  size_t first, last;
  double scale;
};

static void plan_slices(struct slice *s, int n, double *data, size_t count) {
  size_t chunk = count / (size_t)n;
  for (int t = 0; t < n; t++) {
    s[t].data = data;
    s[t].first = (size_t)t * chunk;
    s[t].last = s[t].first + chunk;
    if (s[t].last > count - 1)
      s[t].last = count - 1;
    s[t].scale = 0.5;
  }
}

static void scale_slice(const struct slice *s) {
  // EXPECT-NOTE@+1:29 each launch's range of 'i' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (size_t i = s->first; i <= s->last; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_samples' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    s->data[i] *= s->scale;
}

static void *scale_main(void *arg) {
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'scale_slice'
  scale_slice(arg);
  return NULL;
}

void scale_all(void) {
  struct slice slices[SLICES];
  pthread_t tids[SLICES];
  plan_slices(slices, SLICES, g_samples, SAMPLES);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < SLICES; t++)
    pthread_create(&tids[t], NULL, scale_main, &slices[t]);
  for (int t = 0; t < SLICES; t++)
    pthread_join(tids[t], NULL);
}

/* Exclusive ends: each range stops before the next one starts. */
struct span {
  double *data;
  size_t begin, end;
};

static void plan_spans(struct span *s, int n, double *data, size_t count) {
  size_t chunk = count / (size_t)n;
  for (int t = 0; t < n; t++) {
    s[t].data = data;
    s[t].begin = (size_t)t * chunk;
    s[t].end = s[t].begin + chunk;
  }
}

static void negate_span(struct span *s) {
  for (size_t i = s->begin; i < s->end; i++)
    s->data[i] = -s->data[i];
}

static void *negate_main(void *arg) {
  negate_span(arg);
  return NULL;
}

void negate_all(void) {
  struct span spans[SLICES];
  pthread_t tids[SLICES];
  plan_spans(spans, SLICES, g_samples, SAMPLES);
  for (int t = 0; t < SLICES; t++)
    pthread_create(&tids[t], NULL, negate_main, &spans[t]);
  for (int t = 0; t < SLICES; t++)
    pthread_join(tids[t], NULL);
}

/* Inclusive ends one short of the next start. */
struct band {
  unsigned char *dst;
  int row_first, row_last;
};

#define WIDTH 64
#define ROWS 64
static unsigned char g_image[WIDTH * ROWS];

static void plan_bands(struct band *b, int n, unsigned char *dst) {
  int rows = ROWS / n;
  for (int k = 0; k < n; k++) {
    b[k].dst = dst;
    b[k].row_first = k * rows;
    b[k].row_last = b[k].row_first + rows - 1;
  }
}

static void clear_band(const struct band *b) {
  for (int y = b->row_first; y <= b->row_last; y++)
    for (int x = 0; x < WIDTH; x++)
      b->dst[y * WIDTH + x] = 0;
}

static void *clear_main(void *arg) {
  clear_band(arg);
  return NULL;
}

void clear_all(void) {
  struct band bands[SLICES];
  pthread_t tids[SLICES];
  plan_bands(bands, SLICES, g_image);
  for (int k = 0; k < SLICES; k++)
    pthread_create(&tids[k], NULL, clear_main, &bands[k]);
  for (int k = 0; k < SLICES; k++)
    pthread_join(tids[k], NULL);
}

/* Every worker walks a row buffer of its own from 0. */
struct row_job {
  unsigned char row[WIDTH];
  int first, last;
};

static void fill_row(struct row_job *j, int from) {
  for (int x = from; x <= j->last - j->first; x++)
    j->row[x] = 1;
}

static void *row_main(void *arg) {
  fill_row(arg, 0);
  return NULL;
}

void fill_rows(void) {
  struct row_job jobs[SLICES];
  pthread_t tids[SLICES];
  for (int k = 0; k < SLICES; k++) {
    jobs[k].first = k * 8;
    jobs[k].last = k * 8 + 8;
    pthread_create(&tids[k], NULL, row_main, &jobs[k]);
  }
  for (int k = 0; k < SLICES; k++)
    pthread_join(tids[k], NULL);
}
