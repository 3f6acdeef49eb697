/* C11's atomic_* operations and the GNU __atomic builtins order threads as
 * std::atomic's do (Clang holds them as AtomicExpr, not calls): a result
 * published with a release store and read after an acquire load is no
 * race; the same hand-off with relaxed orders publishes nothing. A
 * counter's atomic_fetch_add orders nothing either. */
#include <pthread.h>
#include <stdatomic.h>

struct mailbox {
  long value;
  atomic_int full;
};

static void *fill_released(void *arg) {
  struct mailbox *box = arg;
  box->value = 42;
  atomic_store_explicit(&box->full, 1, memory_order_release);
  return 0;
}

static void *fill_relaxed(void *arg) {
  struct mailbox *box = arg;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'relaxed.value' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  box->value = 7;
  atomic_store_explicit(&box->full, 1, memory_order_relaxed);
  return 0;
}

long take_released(void) {
  struct mailbox released = {0, 0};
  pthread_t t;
  pthread_create(&t, 0, fill_released, &released);
  while (!atomic_load_explicit(&released.full, memory_order_acquire)) {
  }
  long v = released.value;
  pthread_join(t, 0);
  return v;
}

long take_relaxed(void) {
  struct mailbox relaxed = {0, 0};
  pthread_t t;
  pthread_create(&t, 0, fill_relaxed, &relaxed);
  while (!atomic_load_explicit(&relaxed.full, memory_order_relaxed)) {
  }
  // EXPECT-NOTE@+1:12 the launching thread reads 'relaxed.value' here while the worker may still be running
  long v = relaxed.value;
  pthread_join(t, 0);
  return v;
}

/* GNU builtins on a plain flag, the form older C code uses. */
static long result;
static int done;

static void *compute(void *arg) {
  (void)arg;
  result = 99;
  __atomic_store_n(&done, 1, __ATOMIC_RELEASE);
  return 0;
}

long wait_builtin(void) {
  pthread_t t;
  pthread_create(&t, 0, compute, 0);
  while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
  }
  long r = result;
  pthread_join(t, 0);
  return r;
}

/* An atomic counter beside a plain one: fetch_add orders nothing. */
static atomic_long served;
static long bytes;

static void *serve(void *arg) {
  (void)arg;
  atomic_fetch_add(&served, 1);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'bytes' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  bytes += 512;
  return 0;
}

void serve_all(void) {
  pthread_t t[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], 0, serve, 0);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], 0);
}
