// A pipeline helper allocates a stage, starts its thread with the handle
// kept in the stage, then sets one more limit the thread already reads,
// and returns the running stage. Near misses: every limit set before the
// start; a limit changed only after the helper's own join; a failed start,
// where the stage is freed and nothing runs.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct stage {
  pthread_t thread;
  int max_depth;
  int max_items;
  int errors;
  int records;
};

static void *stage_main(void *arg) {
  struct stage *st = arg;
  for (int item = 0; item < 100; item++) {
    // EXPECT-NOTE@+1:20 the worker reads 'st->max_depth' here
    if (item % 7 > st->max_depth || item > st->max_items)
      st->errors++;
    else
      st->records++;
  }
  return NULL;
}

static struct stage *stage_start(int depth, int items) {
  struct stage *st = calloc(1, sizeof(*st));
  if (!st)
    return NULL;
  st->max_items = items;
  // EXPECT-NOTE@+1:7 the worker is started here
  if (pthread_create(&st->thread, NULL, stage_main, st) != 0) {
    st->max_depth = depth;
    free(st);
    return NULL;
  }
  // EXPECT-WARNING@+1:3 unsynchronized write to 'st->max_depth' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  st->max_depth = depth;
  return st;
}

static struct stage *stage_start_configured(int depth, int items) {
  struct stage *st = calloc(1, sizeof(*st));
  if (!st)
    return NULL;
  st->max_items = items;
  st->max_depth = depth;
  if (pthread_create(&st->thread, NULL, stage_main, st) != 0) {
    free(st);
    return NULL;
  }
  return st;
}

static int stage_run_once(int depth, int items) {
  struct stage *st = calloc(1, sizeof(*st));
  if (!st)
    return -1;
  st->max_items = items;
  st->max_depth = depth;
  if (pthread_create(&st->thread, NULL, stage_main, st) != 0) {
    free(st);
    return -1;
  }
  pthread_join(st->thread, NULL);
  st->max_depth = 0;
  int records = st->records;
  free(st);
  return records;
}

static int stage_finish(struct stage *st) {
  pthread_join(st->thread, NULL);
  int errors = st->errors;
  free(st);
  return errors;
}

int main(void) {
  struct stage *a = stage_start(3, 50);
  struct stage *b = stage_start_configured(3, 50);
  int once = stage_run_once(3, 50);
  int errors = (a ? stage_finish(a) : 0) + (b ? stage_finish(b) : 0);
  printf("%d %d\n", errors, once);
  return 0;
}
