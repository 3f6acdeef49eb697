/* A consumer that peeks at the queue's count without the queue's lock (a
 * fast path) while the launching thread pushes, bumping the count under the
 * lock, item after item: the lock is how the two share the count, and the
 * condition-variable hand-off around the slow path orders nothing for the
 * peek. Near misses: a consumer that peeks under the lock, and a setting
 * written once under the lock before the worker is signalled and read
 * without it after the wait. */
#include <pthread.h>

#define CAP 16

struct queue {
  pthread_mutex_t lock;
  pthread_cond_t nonempty;
  int items[CAP];
  int head, count, closed;
};

static int queue_is_empty(const struct queue *q) {
  return q->count == 0;
}

static void queue_push(struct queue *q, int v) {
  pthread_mutex_lock(&q->lock);
  q->items[(q->head + q->count) % CAP] = v;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'q.count' while a worker started earlier may be reading it; make it _Atomic or guard every access with one mutex
  q->count++;
  pthread_cond_signal(&q->nonempty);
  pthread_mutex_unlock(&q->lock);
}

static void queue_close(struct queue *q) {
  pthread_mutex_lock(&q->lock);
  q->closed = 1;
  pthread_cond_broadcast(&q->nonempty);
  pthread_mutex_unlock(&q->lock);
}

/* Takes one item; 0 once the queue is closed and drained. */
static int queue_pop(struct queue *q, int *out) {
  pthread_mutex_lock(&q->lock);
  while (q->count == 0 && !q->closed)
    pthread_cond_wait(&q->nonempty, &q->lock);
  int got = q->count > 0;
  if (got) {
    *out = q->items[q->head];
    q->head = (q->head + 1) % CAP;
    q->count--;
  }
  pthread_mutex_unlock(&q->lock);
  return got;
}

static void *peeking_consumer(void *arg) {
  struct queue *q = arg;
  long total = 0;
  int v;
  for (;;) {
    // EXPECT-NOTE@+1:9 the worker reads 'q.count' through this call of 'queue_is_empty' without holding the lock taken at the write
    if (queue_is_empty(q) && q->closed)
      break;
    if (!queue_pop(q, &v))
      break;
    total += v;
  }
  return (void *)total;
}

static void *locked_consumer(void *arg) {
  struct queue *q = arg;
  long total = 0;
  int v;
  while (queue_pop(q, &v))
    total += v;
  return (void *)total;
}

void run_peeking(int n) {
  static struct queue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
  pthread_t consumer;
  // EXPECT-NOTE@+1:3 the worker is started here
  pthread_create(&consumer, 0, peeking_consumer, &q);
  for (int i = 0; i < n; i++)
    // EXPECT-NOTE@+1:5 the launching thread makes the write through this call of 'queue_push'
    queue_push(&q, i);
  queue_close(&q);
  pthread_join(consumer, 0);
}

void run_locked(int n) {
  static struct queue q = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
  pthread_t consumer;
  pthread_create(&consumer, 0, locked_consumer, &q);
  for (int i = 0; i < n; i++)
    queue_push(&q, i);
  queue_close(&q);
  pthread_join(consumer, 0);
}

/* A setting handed over once: written under the lock, then signalled; the
 * worker reads it without the lock only after its wait has seen it. */
struct start_gate {
  pthread_mutex_t lock;
  pthread_cond_t opened;
  int ready;
  int batch;
};

static void *batch_worker(void *arg) {
  struct start_gate *g = arg;
  pthread_mutex_lock(&g->lock);
  while (!g->ready)
    pthread_cond_wait(&g->opened, &g->lock);
  pthread_mutex_unlock(&g->lock);
  long sum = 0;
  for (int i = 0; i < g->batch; i++)
    sum += i;
  return (void *)sum;
}

void run_gate(int batch) {
  static struct start_gate g = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
  pthread_t worker;
  pthread_create(&worker, 0, batch_worker, &g);
  pthread_mutex_lock(&g.lock);
  g.batch = batch;
  g.ready = 1;
  pthread_cond_signal(&g.opened);
  pthread_mutex_unlock(&g.lock);
  pthread_join(worker, 0);
}
