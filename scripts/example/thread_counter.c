/* Measurement hook linked into both builds of the example by
 * scripts/example/before_after.py (never part of the example's own sources).
 *
 * Defining pthread_create in the executable interposes it for every caller in
 * the process: the program's own code, header-only Boost.Asio, parlint's
 * static runtime and libstdc++ (std::thread, std::async), whose calls resolve
 * through the dynamic symbol table to the executable's definition first. Each
 * call is counted and forwarded to the C library's pthread_create (found
 * with dlsym(RTLD_NEXT)). A thread-specific-data destructor runs when each
 * counted thread exits (by returning or by pthread_exit), which gives the
 * number alive at once.
 *
 * At exit, when LOGSCAN_MEASURE_OUT names a file, writes to it:
 *   threads_created N   successful pthread_create calls
 *   threads_peak N      most of those threads alive at the same time
 *   vmhwm_kb N          peak resident set size (VmHWM of /proc/self/status)
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*create_fn)(pthread_t *, const pthread_attr_t *, void *(*)(void *), void *);

static long created, alive, peak;
static pthread_key_t exit_key;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static create_fn real_create;

struct start {
  void *(*fn)(void *);
  void *arg;
};

static void thread_exited(void *unused) {
  (void)unused;
  __atomic_sub_fetch(&alive, 1, __ATOMIC_RELAXED);
}

static void init(void) {
  real_create = (create_fn)dlsym(RTLD_NEXT, "pthread_create");
  pthread_key_create(&exit_key, thread_exited);
}

static void *trampoline(void *p) {
  struct start s = *(struct start *)p;
  free(p);
  pthread_setspecific(exit_key, &exit_key); /* non-null: the destructor runs */
  return s.fn(s.arg);
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*fn)(void *), void *arg) {
  pthread_once(&once, init);
  struct start *s = malloc(sizeof *s);
  if (!s)
    return 11; /* EAGAIN */
  s->fn = fn;
  s->arg = arg;
  long now = __atomic_add_fetch(&alive, 1, __ATOMIC_RELAXED);
  int error = real_create(thread, attr, trampoline, s);
  if (error) {
    free(s);
    __atomic_sub_fetch(&alive, 1, __ATOMIC_RELAXED);
    return error;
  }
  __atomic_add_fetch(&created, 1, __ATOMIC_RELAXED);
  long seen = __atomic_load_n(&peak, __ATOMIC_RELAXED);
  while (now > seen && !__atomic_compare_exchange_n(&peak, &seen, now, 1, __ATOMIC_RELAXED,
                                                    __ATOMIC_RELAXED)) {
  }
  return 0;
}

static long vmhwm_kb(void) {
  FILE *status = fopen("/proc/self/status", "r");
  char line[256];
  long kb = -1;
  while (status && fgets(line, sizeof line, status))
    if (strncmp(line, "VmHWM:", 6) == 0)
      kb = strtol(line + 6, NULL, 10);
  if (status)
    fclose(status);
  return kb;
}

__attribute__((destructor)) static void report(void) {
  const char *path = getenv("LOGSCAN_MEASURE_OUT");
  FILE *out = path ? fopen(path, "w") : NULL;
  if (!out)
    return;
  fprintf(out, "threads_created %ld\nthreads_peak %ld\nvmhwm_kb %ld\n",
          __atomic_load_n(&created, __ATOMIC_RELAXED), __atomic_load_n(&peak, __ATOMIC_RELAXED),
          vmhwm_kb());
  fclose(out);
}
