// Each scanner thread wraps the totals it was handed in a context of its
// own (`struct scan_ctx ctx = {.sum = shared}`) and a helper adds to
// `ctx->sum->bytes` without a lock: every scanner writes the one shared
// struct. Near misses: the context pointing at the scanner's own totals;
// its own slot of an array; the helper under the totals' mutex; a context
// re-pointed at the scanner's own totals before use.
#include <pthread.h>
#include <stdio.h>

struct totals {
  long bytes;
  long files;
  pthread_mutex_t mu;
};

struct scan_ctx {
  struct totals *sum;
  int depth;
};

static void visit(struct scan_ctx *ctx, int size) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'all.bytes' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  ctx->sum->bytes += size;
  ctx->depth++;
}

static void visit_locked(struct scan_ctx *ctx, int size) {
  pthread_mutex_lock(&ctx->sum->mu);
  ctx->sum->bytes += size;
  pthread_mutex_unlock(&ctx->sum->mu);
}

static void *scanner(void *arg) {
  struct totals *shared = arg;
  struct scan_ctx ctx = {.sum = shared, .depth = 0};
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'visit'
    visit(&ctx, i);
  return NULL;
}

static void *scanner_locked(void *arg) {
  struct scan_ctx ctx = {.sum = arg, .depth = 0};
  for (int i = 0; i < 100; i++)
    visit_locked(&ctx, i);
  return NULL;
}

static void *scanner_with_own_totals(void *arg) {
  struct totals mine = {0, 0, PTHREAD_MUTEX_INITIALIZER};
  struct scan_ctx ctx = {.sum = &mine, .depth = 0};
  for (int i = 0; i < 100; i++)
    visit(&ctx, i);
  struct totals *shared = arg;
  pthread_mutex_lock(&shared->mu);
  shared->bytes += mine.bytes;
  pthread_mutex_unlock(&shared->mu);
  return NULL;
}

static void *scanner_repointed(void *arg) {
  struct totals mine = {0, 0, PTHREAD_MUTEX_INITIALIZER};
  struct scan_ctx ctx = {.sum = arg, .depth = 0};
  ctx.sum = &mine;
  for (int i = 0; i < 100; i++)
    visit(&ctx, i);
  return NULL;
}

static void *scanner_of_a_part(void *arg) {
  struct scan_ctx ctx = {.sum = arg, .depth = 0};
  for (int i = 0; i < 100; i++)
    visit(&ctx, i);
  return NULL;
}

int main(void) {
  static struct totals all = {0, 0, PTHREAD_MUTEX_INITIALIZER};
  pthread_t th[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++)
    pthread_create(&th[i], NULL, scanner, &all);
  for (int i = 0; i < 4; i++)
    pthread_join(th[i], NULL);

  static struct totals locked = {0, 0, PTHREAD_MUTEX_INITIALIZER};
  for (int i = 0; i < 4; i++)
    pthread_create(&th[i], NULL, scanner_locked, &locked);
  for (int i = 0; i < 4; i++)
    pthread_join(th[i], NULL);

  static struct totals merged = {0, 0, PTHREAD_MUTEX_INITIALIZER};
  for (int i = 0; i < 4; i++)
    pthread_create(&th[i], NULL, scanner_with_own_totals, &merged);
  for (int i = 0; i < 4; i++)
    pthread_join(th[i], NULL);

  static struct totals unused = {0, 0, PTHREAD_MUTEX_INITIALIZER};
  for (int i = 0; i < 4; i++)
    pthread_create(&th[i], NULL, scanner_repointed, &unused);
  for (int i = 0; i < 4; i++)
    pthread_join(th[i], NULL);

  static struct totals parts[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&th[i], NULL, scanner_of_a_part, &parts[i]);
  for (int i = 0; i < 4; i++)
    pthread_join(th[i], NULL);

  printf("%ld %ld %ld %ld\n", all.bytes, locked.bytes, merged.bytes, parts[0].bytes);
  return 0;
}
