/* A spin lock that acquires, but whose unlock is a relaxed store: nothing
 * is ever released to the next holder, so the lock excludes without
 * ordering, and the writes it "guards" race with the reads of another
 * thread (one that takes the same lock). Near miss: the unlock releases. */
#include <pthread.h>
#include <stdatomic.h>

typedef struct {
  atomic_int locked;
} spinlock_t;

static void spin_lock(spinlock_t *l) {
  while (atomic_exchange_explicit(&l->locked, 1, memory_order_acquire))
    ;
}

static void spin_unlock(spinlock_t *l) {
  atomic_store_explicit(&l->locked, 0, memory_order_relaxed);
}

static void gate_lock(spinlock_t *l) {
  while (atomic_exchange_explicit(&l->locked, 1, memory_order_acquire))
    ;
}

static void gate_unlock(spinlock_t *l) {
  atomic_store_explicit(&l->locked, 0, memory_order_release);
}

struct mixer {
  spinlock_t lock;
  float target_gain;
  float rendered;
};

static struct mixer g_main;
static struct mixer g_monitor;

static void *render(void *arg) {
  (void)arg;
  for (int p = 0; p < 60; p++) {
    spin_lock(&g_main.lock);
    // EXPECT-NOTE@+1:20 another worker reads 'g_main.target_gain' here
    float target = g_main.target_gain;
    spin_unlock(&g_main.lock);
    g_main.rendered += target;
  }
  return 0;
}

static void *control(void *arg) {
  (void)arg;
  for (int i = 0; i < 6; i++) {
    spin_lock(&g_main.lock);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_main.target_gain' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    g_main.target_gain = (float)i;
    spin_unlock(&g_main.lock);
  }
  return 0;
}

void run_main(void) {
  pthread_t a, c;
  pthread_create(&a, 0, render, 0);
  pthread_create(&c, 0, control, 0);
  pthread_join(c, 0);
  pthread_join(a, 0);
}

static void *render_monitor(void *arg) {
  (void)arg;
  for (int p = 0; p < 60; p++) {
    gate_lock(&g_monitor.lock);
    float target = g_monitor.target_gain;
    gate_unlock(&g_monitor.lock);
    g_monitor.rendered += target;
  }
  return 0;
}

static void *control_monitor(void *arg) {
  (void)arg;
  for (int i = 0; i < 6; i++) {
    gate_lock(&g_monitor.lock);
    g_monitor.target_gain = (float)i;
    gate_unlock(&g_monitor.lock);
  }
  return 0;
}

void run_monitor(void) {
  pthread_t a, c;
  pthread_create(&a, 0, render_monitor, 0);
  pthread_create(&c, 0, control_monitor, 0);
  pthread_join(c, 0);
  pthread_join(a, 0);
}
