/* Each launch's argument struct points at the worker's own element of one
 * table (`args[i].slot = &g_slots[i]`): the workers never meet each other
 * there, but the launching thread summing the table while they run meets
 * every one of them. Reading the table after the joins, or a table whose
 * elements all workers share through one pointer, is another matter. */
#include <pthread.h>

#define NWORKERS 3

struct progress_slot {
  long done;
  long digest;
};

struct worker_arg {
  int index;
  struct progress_slot *slot;
};

static struct progress_slot g_slots[NWORKERS];

static void *crunch(void *p) {
  struct worker_arg *a = p;
  for (int b = a->index; b < 3000; b += NWORKERS) {
    a->slot->digest ^= b;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_slots.done' in the worker's own slot, which the launching thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
    a->slot->done++;
  }
  return 0;
}

static long progress_total(void) {
  long total = 0;
  for (int i = 0; i < NWORKERS; i++)
    total += g_slots[i].done;
  return total;
}

long show_progress(void) {
  pthread_t threads[NWORKERS];
  struct worker_arg args[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    args[i].index = i;
    args[i].slot = &g_slots[i];
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[i], 0, crunch, &args[i]);
  }
  // EXPECT-NOTE@+1:16 the launching thread reads 'g_slots.done' here while the worker may still be running
  long shown = progress_total();
  long digest = 0;
  for (int i = 0; i < NWORKERS; i++) {
    pthread_join(threads[i], 0);
    digest ^= g_slots[i].digest;
  }
  return shown + digest;
}

/* Near miss: the totals are read only after every join. */
static struct progress_slot g_quiet[NWORKERS];

long total_after_join(void) {
  pthread_t threads[NWORKERS];
  struct worker_arg args[NWORKERS];
  for (int i = 0; i < NWORKERS; i++) {
    args[i].index = i;
    args[i].slot = &g_quiet[i];
    pthread_create(&threads[i], 0, crunch, &args[i]);
  }
  for (int i = 0; i < NWORKERS; i++)
    pthread_join(threads[i], 0);
  long total = 0;
  for (int i = 0; i < NWORKERS; i++)
    total += g_quiet[i].done;
  return total;
}
