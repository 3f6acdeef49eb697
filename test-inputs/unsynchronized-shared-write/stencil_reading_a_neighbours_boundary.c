// A smoothing pass splits a grid into bands, one thread each, and updates
// the grid in place: at the ends of its band a thread reads the element
// next door, which the neighbouring thread is writing. Near misses: the
// same pass reading one grid and writing another (two buffers); a pass
// over the interior of each band only; a copy shifted by one element,
// written into a part of each thread's own.
#include <pthread.h>
#include <stdio.h>

#define CELLS 1024
#define BANDS 4
#define WIDTH (CELLS / BANDS)

static double grid[CELLS];
static double next_grid[CELLS];
static double shifted[CELLS + 1];

struct band {
  int lo;
  int hi;
};

static void *smooth_in_place(void *arg) {
  const struct band *b = arg;
  for (int i = b->lo; i < b->hi; i++) {
    // EXPECT-NOTE@+1:27 each instance reads 'grid' here a step past its own part: at the end of its range that is the neighbouring instance's element; read the previous values from a copy (two buffers), or let a barrier separate the reads from the writes
    double left = i > 0 ? grid[i - 1] : 0.0;
    double right = i + 1 < CELLS ? grid[i + 1] : 0.0;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'grid' in the worker's own slot, which another instance of the worker reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
    grid[i] = (left + grid[i] + right) / 3.0;
  }
  return NULL;
}

static void *smooth_into_next(void *arg) {
  const struct band *b = arg;
  for (int i = b->lo; i < b->hi; i++) {
    double left = i > 0 ? grid[i - 1] : 0.0;
    double right = i + 1 < CELLS ? grid[i + 1] : 0.0;
    next_grid[i] = (left + grid[i] + right) / 3.0;
  }
  return NULL;
}

static void *smooth_interior(void *arg) {
  const struct band *b = arg;
  for (int i = b->lo + 1; i < b->hi - 1; i++)
    grid[i] = (grid[i - 1] + grid[i] + grid[i + 1]) / 3.0;
  return NULL;
}

static void *shift_right(void *arg) {
  const struct band *b = arg;
  for (int i = b->lo; i < b->hi; i++)
    shifted[i + 1] = next_grid[i];
  return NULL;
}

static void join_all(pthread_t *threads) {
  for (int k = 0; k < BANDS; k++)
    pthread_join(threads[k], NULL);
}

static void in_place_pass(void) {
  pthread_t threads[BANDS];
  struct band bands[BANDS];
  for (int k = 0; k < BANDS; k++) {
    bands[k].lo = k * WIDTH;
    bands[k].hi = (k + 1) * WIDTH;
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[k], NULL, smooth_in_place, &bands[k]);
  }
  join_all(threads);
}

static void two_buffer_pass(void) {
  pthread_t threads[BANDS];
  struct band bands[BANDS];
  for (int k = 0; k < BANDS; k++) {
    bands[k].lo = k * WIDTH;
    bands[k].hi = (k + 1) * WIDTH;
    pthread_create(&threads[k], NULL, smooth_into_next, &bands[k]);
  }
  join_all(threads);
}

static void interior_pass(void) {
  pthread_t threads[BANDS];
  struct band bands[BANDS];
  for (int k = 0; k < BANDS; k++) {
    bands[k].lo = k * WIDTH;
    bands[k].hi = (k + 1) * WIDTH;
    pthread_create(&threads[k], NULL, smooth_interior, &bands[k]);
  }
  join_all(threads);
}

static void shift_pass(void) {
  pthread_t threads[BANDS];
  struct band bands[BANDS];
  for (int k = 0; k < BANDS; k++) {
    bands[k].lo = k * WIDTH;
    bands[k].hi = (k + 1) * WIDTH;
    pthread_create(&threads[k], NULL, shift_right, &bands[k]);
  }
  join_all(threads);
}

int main(void) {
  for (int i = 0; i < CELLS; i++)
    grid[i] = i % 7;
  two_buffer_pass();
  shift_pass();
  interior_pass();
  in_place_pass();
  printf("%f %f\n", grid[CELLS / 2], shifted[CELLS / 2]);
  return 0;
}
