/* A lazy initialization made by a call: `if (!sink->opened) open_sink(sink);`
 * tests the flag without the lock that open_sink() takes to set it, so
 * every worker that comes first calls it, and the unlocked test races with
 * the locked write. Near misses: the same test made under the lock, and a
 * call guarded by a parameter the caller chooses (not a test of the
 * written object). */
#include <pthread.h>
#include <stdio.h>

struct sink {
  pthread_mutex_t mu;
  int opened;
  long written;
};

static struct sink g_log = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
static struct sink g_audit = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
static struct sink g_trace = {PTHREAD_MUTEX_INITIALIZER, 0, 0};

static void open_sink(struct sink *s) {
  pthread_mutex_lock(&s->mu);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_log.opened' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  s->opened = 1;
  pthread_mutex_unlock(&s->mu);
}

static void append(struct sink *s, long n) {
  pthread_mutex_lock(&s->mu);
  s->written += n;
  pthread_mutex_unlock(&s->mu);
}

static void log_line(long n) {
  if (!g_log.opened)
    open_sink(&g_log);
  append(&g_log, n);
}

/* Near miss: the test is made under the lock the write takes. */
static void audit_line(long n) {
  pthread_mutex_lock(&g_audit.mu);
  int opened = g_audit.opened;
  pthread_mutex_unlock(&g_audit.mu);
  if (!opened)
    open_sink(&g_audit);
  append(&g_audit, n);
}

/* Near miss: the caller picks the path with an argument; no worker here
 * passes a true `first`. */
static void trace_line(long n, int first) {
  if (first)
    open_sink(&g_trace);
  append(&g_trace, n);
}

static void *subsystem(void *arg) {
  long id = *(long *)arg;
  for (long i = 0; i < 100; i++) {
    // EXPECT-NOTE@+2:5 the worker makes the write through this call of 'log_line'
    // EXPECT-NOTE@+1:5 each instance reads 'g_log.opened' here without holding the lock taken at the write
    log_line(id + i);
    audit_line(id + i);
    trace_line(id + i, 0);
  }
  return NULL;
}

int main(void) {
  pthread_t t[3];
  long ids[3] = {0, 1, 2};
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, subsystem, &ids[i]);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  printf("%ld %ld %ld\n", g_log.written, g_audit.written, g_trace.written);
  return 0;
}
