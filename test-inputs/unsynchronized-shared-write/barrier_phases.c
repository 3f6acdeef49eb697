/* Workers that meet at several barrier waits per step: what one instance
 * writes and the others read between the same two waits (one phase) is not
 * ordered by them. Worker 0 adapts the time step at the top of each step
 * while every worker reads it in the same phase. Near miss: the time step
 * is adapted in a phase of its own, between two waits. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>

#define N 256

struct sim {
  double pos[N];
  double vel[N];
  double dt;
  pthread_barrier_t phase;
};

struct worker {
  struct sim *sim;
  int id;
  int begin, end;
};

static struct sim g_sim;
static struct sim g_calm;

static void *step_racing(void *arg) {
  struct worker *w = arg;
  struct sim *s = w->sim;
  for (int step = 0; step < 10; step++) {
    if (w->id == 0)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'g_sim.dt' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      s->dt = s->dt * 0.5;
    // EXPECT-NOTE@+1:17 only one instance writes 'g_sim.dt', and every other reads it here
    double dt = s->dt;
    for (int i = w->begin; i < w->end; i++)
      s->vel[i] += dt;
    pthread_barrier_wait(&s->phase);
    for (int i = w->begin; i < w->end; i++)
      s->pos[i] += s->vel[i] * dt;
    pthread_barrier_wait(&s->phase);
  }
  return 0;
}

static void *step_calm(void *arg) {
  struct worker *w = arg;
  struct sim *s = w->sim;
  for (int step = 0; step < 10; step++) {
    if (w->id == 0)
      s->dt = s->dt * 0.5;
    pthread_barrier_wait(&s->phase);
    double dt = s->dt;
    for (int i = w->begin; i < w->end; i++)
      s->vel[i] += dt;
    pthread_barrier_wait(&s->phase);
    for (int i = w->begin; i < w->end; i++)
      s->pos[i] += s->vel[i] * dt;
    pthread_barrier_wait(&s->phase);
  }
  return 0;
}

void simulate(void) {
  struct worker w[4], c[4];
  pthread_t t[4], u[4];
  g_sim.dt = g_calm.dt = 0.01;
  pthread_barrier_init(&g_sim.phase, 0, 4);
  pthread_barrier_init(&g_calm.phase, 0, 4);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++) {
    w[i].sim = &g_sim;
    w[i].id = i;
    w[i].begin = i * (N / 4);
    w[i].end = (i + 1) * (N / 4);
    pthread_create(&t[i], 0, step_racing, &w[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
  for (int i = 0; i < 4; i++) {
    c[i].sim = &g_calm;
    c[i].id = i;
    c[i].begin = i * (N / 4);
    c[i].end = (i + 1) * (N / 4);
    pthread_create(&u[i], 0, step_calm, &c[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(u[i], 0);
}
