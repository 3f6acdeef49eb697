/* A function that loops over the range its caller hands over, called by
 * workers that are all handed the same struct: every worker writes the same
 * elements. (A range each worker gets its own of is checked for overlap
 * instead; see ranges_planned_by_helpers.c.) Near miss: each worker is
 * handed its own struct with ranges that do not meet. */
#include <pthread.h>

#define WORKERS 4

struct cfg {
  double *data;
  int first, last;
};

static double g_buf[64];
static double g_parts[64];

static void fill(struct cfg *c) {
  for (int i = c->first; i <= c->last; i++)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'shared.data' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    c->data[i] = 1.0;
}

static void *fill_main(void *arg) {
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'fill'
  fill(arg);
  return 0;
}

void fill_shared(void) {
  static struct cfg shared = {g_buf, 0, 63};
  pthread_t t[WORKERS];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int k = 0; k < WORKERS; k++)
    pthread_create(&t[k], 0, fill_main, &shared);
  for (int k = 0; k < WORKERS; k++)
    pthread_join(t[k], 0);
}

struct part {
  double *data;
  int first, last;
};

static void clear(struct part *c) {
  for (int i = c->first; i <= c->last; i++)
    c->data[i] = 0.0;
}

static void *clear_main(void *arg) {
  clear(arg);
  return 0;
}

void clear_parts(void) {
  struct part parts[WORKERS];
  pthread_t t[WORKERS];
  for (int k = 0; k < WORKERS; k++) {
    parts[k].data = g_parts;
    parts[k].first = k * 16;
    parts[k].last = parts[k].first + 15;
    pthread_create(&t[k], 0, clear_main, &parts[k]);
  }
  for (int k = 0; k < WORKERS; k++)
    pthread_join(t[k], 0);
}
