/* The worker passes its range's bounds to the function that loops over it
 * (`relax(g_out, p->lo, p->hi)`): the loop runs from the caller's `lo` to
 * its `hi`, inclusive, and `hi` is the next launch's `lo`. Near miss: the
 * same with `hi` one short of the next `lo`. */
#include <pthread.h>

#define PARTS 4
static double g_out[1024];
static double g_other[1024];

struct part {
  int lo, hi;
};

static void relax(double *next, int lo, int hi) {
  // EXPECT-NOTE@+1:20 each launch's range of 'i' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (int i = lo; i <= hi; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_out' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    next[i] = 1.0;
}

static void *relax_main(void *arg) {
  struct part *p = arg;
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'relax'
  relax(g_out, p->lo, p->hi);
  return 0;
}

void relax_all(void) {
  struct part parts[PARTS];
  pthread_t t[PARTS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int k = 0; k < PARTS; k++) {
    parts[k].lo = k * 256;
    parts[k].hi = parts[k].lo + 256;
    pthread_create(&t[k], 0, relax_main, &parts[k]);
  }
  for (int k = 0; k < PARTS; k++)
    pthread_join(t[k], 0);
}

struct part_exact {
  int lo, hi;
};

static void clear(double *next, int lo, int hi) {
  for (int i = lo; i <= hi; i++)
    next[i] = 0.0;
}

static void *relax_exact_main(void *arg) {
  struct part_exact *p = arg;
  clear(g_other, p->lo, p->hi);
  return 0;
}

void relax_exact(void) {
  struct part_exact parts[PARTS];
  pthread_t t[PARTS];
  for (int k = 0; k < PARTS; k++) {
    parts[k].lo = k * 256;
    parts[k].hi = parts[k].lo + 255;
    pthread_create(&t[k], 0, relax_exact_main, &parts[k]);
  }
  for (int k = 0; k < PARTS; k++)
    pthread_join(t[k], 0);
}
