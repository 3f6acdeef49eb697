// A request thread and an admin thread wait at a start gate (a mutex, a
// condition variable and an arrival count) until the main thread opens it,
// then run at once. The admin thread changes the log threshold under the
// configuration lock; the request thread reads it without that lock, under
// none or under the output lock only. The gate orders what the main
// thread did before opening it with both workers, but nothing either
// worker does after it with the other: after the write, the admin thread
// releases only the configuration lock, which the request thread never
// takes. Near misses: the output ring, written by the request thread
// under the output lock and read by the main thread after the joins; a
// limit the admin thread writes under the configuration lock, read by the
// main thread after the joins; a banner the main thread writes after the
// starts but before it opens the gate, which the request thread reads past
// the gate.
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct gate {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int arrived;
  int open;
};

static struct gate g_gate = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0};

static void gate_wait(struct gate *g) {
  pthread_mutex_lock(&g->mu);
  g->arrived++;
  pthread_cond_broadcast(&g->cv);
  while (!g->open)
    pthread_cond_wait(&g->cv, &g->mu);
  pthread_mutex_unlock(&g->mu);
}

static void gate_open(struct gate *g, int expected) {
  pthread_mutex_lock(&g->mu);
  while (g->arrived < expected)
    pthread_cond_wait(&g->cv, &g->mu);
  g->open = 1;
  pthread_cond_broadcast(&g->cv);
  pthread_mutex_unlock(&g->mu);
}

struct logger {
  pthread_mutex_t cfg_lock;
  int min_level;
  int max_line;
  pthread_mutex_t out_lock;
  char ring[16][64];
  unsigned next;
  char banner[32];
};

static int enabled(struct logger *lg, int level) { return level >= lg->min_level; }

static void log_line(struct logger *lg, int level, const char *text) {
  if (!enabled(lg, level))
    return;
  pthread_mutex_lock(&lg->out_lock);
  snprintf(lg->ring[lg->next % 16], sizeof lg->ring[0], "%s %s", lg->banner, text);
  lg->next++;
  pthread_mutex_unlock(&lg->out_lock);
}

static void reload(struct logger *lg, int level, int max) {
  pthread_mutex_lock(&lg->cfg_lock);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'lg.min_level' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  lg->min_level = level;
  lg->max_line = max;
  pthread_mutex_unlock(&lg->cfg_lock);
}

static void *requests(void *arg) {
  struct logger *lg = arg;
  gate_wait(&g_gate);
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:5 another worker reads 'lg.min_level' here without holding the lock taken at the write
    log_line(lg, i % 4, "request handled");
  return NULL;
}

static void *admin(void *arg) {
  struct logger *lg = arg;
  gate_wait(&g_gate);
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'reload'
  reload(lg, 2, 48);
  return NULL;
}

int main(void) {
  static struct logger lg;
  pthread_mutex_init(&lg.cfg_lock, NULL);
  pthread_mutex_init(&lg.out_lock, NULL);
  lg.min_level = 1;
  lg.max_line = 64;
  pthread_t r, a;
  pthread_create(&r, NULL, requests, &lg);
  pthread_create(&a, NULL, admin, &lg);
  strcpy(lg.banner, "[app]");
  gate_open(&g_gate, 2);
  pthread_join(a, NULL);
  pthread_join(r, NULL);
  pthread_mutex_lock(&lg.cfg_lock);
  int max = lg.max_line;
  pthread_mutex_unlock(&lg.cfg_lock);
  printf("%u lines (up to %d), last %s\n", lg.next, max, lg.ring[(lg.next + 15) % 16]);
  return 0;
}
