/* A helper's write on some of its paths counts when the helper picks its
 * paths from the data it is given alone (analysis/DataBranches): some input
 * of any worker takes it. A path picked by a global mode, a lookup of the
 * program's own, or a parameter tested against a constant is no evidence
 * that the worker takes it. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct ring {
  pthread_mutex_t lock;
  int count;
  unsigned long dropped;
};

static struct ring g_ring = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
static long g_bad_lines;
static long g_debug_hits;
static long g_found;
static int g_debug;

static int ring_push(struct ring *r) {
  pthread_mutex_lock(&r->lock);
  if (r->count == 8) {
    pthread_mutex_unlock(&r->lock);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_ring.dropped' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    r->dropped++;
    return -1;
  }
  r->count++;
  pthread_mutex_unlock(&r->lock);
  return 0;
}

static int parse(const char *text) {
  int a = 0, b = 0;
  if (sscanf(text, "%d %d", &a, &b) != 2) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_bad_lines' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    g_bad_lines++;
    return -1;
  }
  return a + b;
}

/* near-miss: a global mode picks the path. */
static void trace(const char *text) {
  if (g_debug)
    g_debug_hits += (long)strlen(text);
}

/* near-miss: a lookup of the program's own may always find nothing. */
const char *lookup(const char *key);
static void count_known(const char *key) {
  if (lookup(key) == NULL)
    return;
  g_found++;
}

static void *worker(void *arg) {
  const char *text = arg;
  for (int i = 0; i < 100; i++) {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'ring_push'
    ring_push(&g_ring);
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'parse'
    parse(text);
    trace(text);
    count_known(text);
  }
  return NULL;
}

void serve(char **lines, int n) {
  pthread_t threads[16];
  if (n > 16)
    n = 16;
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < n; i++)
    pthread_create(&threads[i], NULL, worker, lines[i]);
  for (int i = 0; i < n; i++)
    pthread_join(threads[i], NULL);
}
