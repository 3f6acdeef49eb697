/* Integrators take turns at a barrier, and thread 0 publishes the total
 * between two waits; a monitor thread that never waits at the barrier (nor
 * takes part in any other hand-off) reads the total meanwhile: the barrier
 * orders only the threads that wait at it. Near miss: a monitor that waits
 * at the barrier too. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#define WORKERS 4

static double g_partial[WORKERS];
static double g_total;
static double g_checked;
static pthread_barrier_t g_phase;

static void *integrator(void *arg) {
  long id = (long)arg;
  for (int step = 0; step < 8; step++) {
    g_partial[id] = (double)(id + step);
    pthread_barrier_wait(&g_phase);
    if (id == 0) {
      double sum = 0;
      for (int t = 0; t < WORKERS; t++)
        sum += g_partial[t];
      // EXPECT-WARNING@+1:7 unsynchronized write to 'g_total' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      g_total = sum;
    }
    pthread_barrier_wait(&g_phase);
  }
  return 0;
}

static void *monitor(void *arg) {
  double *peak = arg;
  for (int i = 0; i < 1000; i++) {
    // EXPECT-NOTE@+1:19 another worker reads 'g_total' here
    double seen = g_total;
    if (seen > *peak)
      *peak = seen;
  }
  return 0;
}

void run_outsider(void) {
  static double peak;
  pthread_t watcher, workers[WORKERS];
  pthread_barrier_init(&g_phase, 0, WORKERS);
  pthread_create(&watcher, 0, monitor, &peak);
  for (long t = 0; t < WORKERS; t++)
    pthread_create(&workers[t], 0, integrator, (void *)t);
  for (int t = 0; t < WORKERS; t++)
    pthread_join(workers[t], 0);
  pthread_join(watcher, 0);
  pthread_barrier_destroy(&g_phase);
}

/* Near miss: the checker waits at the barrier with the integrators and
 * reads the total in the phase after it was published. */
static pthread_barrier_t g_round;
static double g_sum;

static void *adder(void *arg) {
  long id = (long)arg;
  for (int step = 0; step < 8; step++) {
    if (id == 0)
      g_sum = (double)step;
    pthread_barrier_wait(&g_round);
    pthread_barrier_wait(&g_round);
  }
  return 0;
}

static void *checker(void *arg) {
  (void)arg;
  for (int step = 0; step < 8; step++) {
    pthread_barrier_wait(&g_round);
    g_checked += g_sum;
    pthread_barrier_wait(&g_round);
  }
  return 0;
}

void run_participant(void) {
  pthread_t check, adders[WORKERS];
  pthread_barrier_init(&g_round, 0, WORKERS + 1);
  pthread_create(&check, 0, checker, 0);
  for (long t = 0; t < WORKERS; t++)
    pthread_create(&adders[t], 0, adder, (void *)t);
  for (int t = 0; t < WORKERS; t++)
    pthread_join(adders[t], 0);
  pthread_join(check, 0);
  pthread_barrier_destroy(&g_round);
}
