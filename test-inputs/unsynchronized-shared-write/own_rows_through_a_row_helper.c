// Band threads blur an image: each reads rows of the source image and
// writes only its own rows of the destination, both reached through one
// helper that returns a row's address (`row_of(img, r)`). The helper reads
// the image's `pixels` pointer member to compute the address; that reads
// none of the rows, so another band's helper calls meet no band's writes.
// The positive: a monitor thread sums the destination rows while the bands
// still write them.
#include <pthread.h>
#include <stdlib.h>

#define ROWS 64
#define COLS 32
#define BANDS 4

struct image {
  int cols;
  float *pixels;
};

struct band {
  const struct image *src;
  struct image *dst;
  int first, last;
};

static float *row_of(const struct image *img, int r) {
  return img->pixels + (size_t)r * (size_t)img->cols;
}

static void blur_row(const struct image *src, struct image *dst, int r) {
  const float *in = row_of(src, r);
  float *out = row_of(dst, r);
  for (int c = 1; c + 1 < src->cols; c++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'out_image.pixels' in the worker's own slot, which another thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
    out[c] = (in[c - 1] + in[c] + in[c + 1]) / 3.0f;
}

static void *blur_band(void *arg) {
  struct band *b = arg;
  for (int r = b->first; r < b->last; r++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'blur_row'
    blur_row(b->src, b->dst, r);
  return NULL;
}

static struct image in_image, out_image;

static void *monitor(void *arg) {
  double *sum = arg;
  for (int r = 0; r < ROWS; r++)
    // EXPECT-NOTE@+1:13 another worker reads 'out_image.pixels' through this call of 'row_of'
    *sum += row_of(&out_image, r)[1];
  return NULL;
}

static void blur(int with_monitor) {
  struct band bands[BANDS];
  pthread_t threads[BANDS], watcher;
  double seen = 0;
  if (with_monitor)
    // EXPECT-NOTE@+1:5 the reading worker is started here
    pthread_create(&watcher, NULL, monitor, &seen);
  for (int i = 0; i < BANDS; i++) {
    bands[i].src = &in_image;
    bands[i].dst = &out_image;
    bands[i].first = i * (ROWS / BANDS);
    bands[i].last = (i + 1) * (ROWS / BANDS);
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[i], NULL, blur_band, &bands[i]);
  }
  for (int i = 0; i < BANDS; i++)
    pthread_join(threads[i], NULL);
  if (with_monitor)
    pthread_join(watcher, NULL);
}

int main(void) {
  in_image.cols = out_image.cols = COLS;
  in_image.pixels = calloc(ROWS * COLS, sizeof(float));
  out_image.pixels = calloc(ROWS * COLS, sizeof(float));
  blur(0);
  blur(1);
  free(in_image.pixels);
  free(out_image.pixels);
  return 0;
}
