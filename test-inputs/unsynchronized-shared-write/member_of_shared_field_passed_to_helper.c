/* Each worker's argument struct points at one listener (`ctx[i].listener
   = &l`), and the worker hands a member of it to a helper
   (`stats_record(&ctx->listener->stats, ..)`): the helper writes the
   listener's stats, under their lock, while a sampler reads them without
   it. Near miss: the sampler takes the lock. */
#include <pthread.h>

struct stats {
  pthread_mutex_t lock;
  unsigned long requests;
  unsigned long bytes_out;
};

struct listener {
  int port;
  struct stats stats;
};

struct worker_ctx {
  struct listener *listener;
  int id;
};

static void stats_record(struct stats *st, unsigned long bytes) {
  pthread_mutex_lock(&st->lock);
  st->requests++;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'l.stats.bytes_out' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  st->bytes_out += bytes;
  pthread_mutex_unlock(&st->lock);
}

static void *serve(void *arg) {
  struct worker_ctx *ctx = arg;
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'stats_record'
    stats_record(&ctx->listener->stats, 512 + (unsigned long)ctx->id);
  return NULL;
}

static void *sample(void *arg) {
  struct listener *l = arg;
  unsigned long seen = 0;
  for (int tick = 0; tick < 10; tick++)
    // EXPECT-NOTE@+1:13 another worker reads 'l.stats.bytes_out' here without holding the lock taken at the write
    seen += l->stats.bytes_out;
  return (void *)seen;
}

static void *sample_locked(void *arg) {
  struct listener *l = arg;
  unsigned long seen = 0;
  for (int tick = 0; tick < 10; tick++) {
    pthread_mutex_lock(&l->stats.lock);
    seen += l->stats.requests;
    pthread_mutex_unlock(&l->stats.lock);
  }
  return (void *)seen;
}

void run(void) {
  static struct listener l = {.stats = {.lock = PTHREAD_MUTEX_INITIALIZER}};
  pthread_t workers[4], sampler;
  struct worker_ctx ctx[4];
  for (int i = 0; i < 4; i++) {
    ctx[i].listener = &l;
    ctx[i].id = i;
    pthread_create(&workers[i], NULL, serve, &ctx[i]);
  }
  pthread_create(&sampler, NULL, sample, &l);
  for (int i = 0; i < 4; i++)
    pthread_join(workers[i], NULL);
  pthread_join(sampler, NULL);
}

void run_locked(void) {
  static struct listener l = {.stats = {.lock = PTHREAD_MUTEX_INITIALIZER}};
  pthread_t workers[4], sampler;
  struct worker_ctx ctx[4];
  for (int i = 0; i < 4; i++) {
    ctx[i].listener = &l;
    ctx[i].id = i;
    pthread_create(&workers[i], NULL, serve, &ctx[i]);
  }
  pthread_create(&sampler, NULL, sample_locked, &l);
  for (int i = 0; i < 4; i++)
    pthread_join(workers[i], NULL);
  pthread_join(sampler, NULL);
}
