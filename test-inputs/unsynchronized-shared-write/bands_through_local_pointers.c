/* Image bands written through local copies of the job's pointers (`struct
 * image *dst = job->dst;`), in the worker itself or in a helper it hands
 * its job to. Inclusive band ends that reach the next band's first row make
 * neighbouring workers write that row; the planner clamps the last band
 * (`if (last >= h) last = h - 1;`), which changes no other band. Near
 * misses: the same bands with exclusive ends, walked by the worker and by
 * a helper (each writes only rows of its own). Each planner has its own
 * job struct: parlint reads a struct's bounds from the one loop that sets
 * them. */
#include <pthread.h>
#include <stdint.h>

#define WORKERS 4

struct image {
  int w, h;
  uint8_t *px;
};


struct blur_job {
  const struct image *src;
  struct image *dst;
  int y_first;
  int y_last;
};

static void *blur_band(void *arg) {
  struct blur_job *job = arg;
  const struct image *src = job->src;
  struct image *dst = job->dst;
  // EXPECT-NOTE@+1:30 each launch's range of 'y' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (int y = job->y_first; y <= job->y_last; y++)
    for (int x = 0; x < src->w; x++)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'dst->px' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      dst->px[y * dst->w + x] = src->px[y * src->w + x];
  return NULL;
}

void blur(const struct image *src, struct image *dst) {
  pthread_t tids[WORKERS];
  struct blur_job jobs[WORKERS];
  int band = src->h / WORKERS;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < WORKERS; t++) {
    jobs[t].src = src;
    jobs[t].dst = dst;
    jobs[t].y_first = t * band;
    jobs[t].y_last = (t + 1) * band;
    if (jobs[t].y_last >= src->h)
      jobs[t].y_last = src->h - 1;
    pthread_create(&tids[t], NULL, blur_band, &jobs[t]);
  }
  for (int t = 0; t < WORKERS; t++)
    pthread_join(tids[t], NULL);
}

/* Planned by a helper, walked by a helper. */
struct sharpen_job {
  const struct image *src;
  struct image *dst;
  int y_first;
  int y_last;
};

static void plan_bands(struct sharpen_job *jobs, int n, const struct image *src,
                       struct image *dst) {
  int rows = (src->h + n - 1) / n;
  for (int i = 0; i < n; i++) {
    jobs[i].src = src;
    jobs[i].dst = dst;
    jobs[i].y_first = i * rows;
    jobs[i].y_last = jobs[i].y_first + rows;
    if (jobs[i].y_last > src->h - 1)
      jobs[i].y_last = src->h - 1;
  }
}

static void sharpen_band(const struct sharpen_job *job) {
  const struct image *src = job->src;
  struct image *dst = job->dst;
  // EXPECT-NOTE@+1:30 each launch's range of 'y' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (int y = job->y_first; y <= job->y_last; y++)
    for (int x = 0; x < src->w; x++)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'dst->px' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      dst->px[y * dst->w + x] = (uint8_t)(2 * src->px[y * src->w + x]);
}

static void *sharpen_worker(void *arg) {
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'sharpen_band'
  sharpen_band(arg);
  return NULL;
}

void sharpen(const struct image *src, struct image *dst) {
  struct sharpen_job jobs[WORKERS];
  pthread_t tids[WORKERS];
  plan_bands(jobs, WORKERS, src, dst);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&tids[i], NULL, sharpen_worker, &jobs[i]);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], NULL);
}

/* Near misses: exclusive ends. */
struct copy_job {
  const struct image *src;
  struct image *dst;
  int y_first;
  int y_last;
};

static void *copy_band(void *arg) {
  struct copy_job *job = arg;
  const struct image *src = job->src;
  struct image *dst = job->dst;
  for (int y = job->y_first; y < job->y_last; y++)
    for (int x = 0; x < src->w; x++)
      dst->px[y * dst->w + x] = src->px[y * src->w + x];
  return NULL;
}

void copy(const struct image *src, struct image *dst) {
  pthread_t tids[WORKERS];
  struct copy_job jobs[WORKERS];
  int band = src->h / WORKERS;
  for (int t = 0; t < WORKERS; t++) {
    jobs[t].src = src;
    jobs[t].dst = dst;
    jobs[t].y_first = t * band;
    jobs[t].y_last = (t + 1) * band;
    if (jobs[t].y_last > src->h)
      jobs[t].y_last = src->h;
    pthread_create(&tids[t], NULL, copy_band, &jobs[t]);
  }
  for (int t = 0; t < WORKERS; t++)
    pthread_join(tids[t], NULL);
}

struct invert_job {
  const struct image *src;
  struct image *dst;
  int y_first;
  int y_last;
};

static void plan_exclusive(struct invert_job *jobs, int n, const struct image *src,
                           struct image *dst) {
  int rows = (src->h + n - 1) / n;
  for (int i = 0; i < n; i++) {
    jobs[i].src = src;
    jobs[i].dst = dst;
    jobs[i].y_first = i * rows;
    jobs[i].y_last = jobs[i].y_first + rows;
    if (jobs[i].y_last > src->h)
      jobs[i].y_last = src->h;
  }
}

static void invert_band(const struct invert_job *job) {
  const struct image *src = job->src;
  struct image *dst = job->dst;
  for (int y = job->y_first; y < job->y_last; y++)
    for (int x = 0; x < src->w; x++)
      dst->px[y * dst->w + x] = (uint8_t)(255 - src->px[y * src->w + x]);
}

static void *invert_worker(void *arg) {
  invert_band(arg);
  return NULL;
}

void invert(const struct image *src, struct image *dst) {
  struct invert_job jobs[WORKERS];
  pthread_t tids[WORKERS];
  plan_exclusive(jobs, WORKERS, src, dst);
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&tids[i], NULL, invert_worker, &jobs[i]);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], NULL);
}

/* Near miss: a helper writes rows of a global buffer over the exclusive
 * range its job hands over. */
static uint8_t g_mask[64 * 64];

struct mask_job {
  int y_first;
  int y_last;
};

static void mask_band(const struct mask_job *job) {
  for (int y = job->y_first; y < job->y_last; y++)
    for (int x = 0; x < 64; x++)
      g_mask[y * 64 + x] = 1;
}

static void *mask_worker(void *arg) {
  mask_band(arg);
  return NULL;
}

void mask(void) {
  struct mask_job jobs[WORKERS];
  pthread_t tids[WORKERS];
  for (int i = 0; i < WORKERS; i++) {
    jobs[i].y_first = i * 16;
    jobs[i].y_last = jobs[i].y_first + 16;
    pthread_create(&tids[i], NULL, mask_worker, &jobs[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], NULL);
}
