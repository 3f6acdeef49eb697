// A wait that only takes (`sem_wait`, an atomic load) publishes nothing the
// waiter wrote before it: a ring consumer that advances `tail` after taking
// an item, and only waits for the next one, leaves the store unpublished,
// and the producer's reads of `tail` while the consumer runs meet it. Near
// miss: the consumer advances `tail` under the lock the producer reads it
// under.
#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>

#define CAP 16

struct ring {
  int slots[CAP];
  size_t head, tail;
  sem_t items;
  pthread_mutex_t lock;
};

static size_t pending(const struct ring *r) {
  return r->head - r->tail;
}

static void push(struct ring *r, int v) {
  if (pending(r) >= CAP)
    return;
  r->slots[r->head % CAP] = v;
  r->head++;
  sem_post(&r->items);
}

static int pop(struct ring *r) {
  sem_wait(&r->items);
  size_t t = r->tail;
  int v = r->slots[t % CAP];
  // EXPECT-WARNING@+1:3 unsynchronized write to 'ring.tail' in a worker that runs while the launching thread uses it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  r->tail = t + 1;
  return v;
}

static void *consume(void *arg) {
  struct ring *r = arg;
  long sum = 0;
  for (int i = 0; i < 8; i++)
    // EXPECT-NOTE@+1:12 the worker makes the write through this call of 'pop'
    sum += pop(r);
  return (void *)sum;
}

int produce(void) {
  static struct ring ring;
  sem_init(&ring.items, 0, 0);
  pthread_t consumer;
  pthread_create(&consumer, 0, consume, &ring);
  for (int i = 0; i < 8; i++)
    // EXPECT-NOTE@+1:5 the launching thread reads 'ring.tail' here while the worker may still be running
    push(&ring, i);
  pthread_join(consumer, 0);
  return 0;
}

static size_t pending_locked(struct ring *r) {
  pthread_mutex_lock(&r->lock);
  size_t n = r->head - r->tail;
  pthread_mutex_unlock(&r->lock);
  return n;
}

static void push_locked(struct ring *r, int v) {
  if (pending_locked(r) >= CAP)
    return;
  pthread_mutex_lock(&r->lock);
  r->slots[r->head % CAP] = v;
  r->head++;
  pthread_mutex_unlock(&r->lock);
  sem_post(&r->items);
}

static int pop_locked(struct ring *r) {
  sem_wait(&r->items);
  pthread_mutex_lock(&r->lock);
  int v = r->slots[r->tail % CAP];
  r->tail++;
  pthread_mutex_unlock(&r->lock);
  return v;
}

static void *consume_locked(void *arg) {
  struct ring *r = arg;
  long sum = 0;
  for (int i = 0; i < 8; i++)
    sum += pop_locked(r);
  return (void *)sum;
}

int produce_locked(void) {
  static struct ring ring = {.lock = PTHREAD_MUTEX_INITIALIZER};
  sem_init(&ring.items, 0, 0);
  pthread_t consumer;
  pthread_create(&consumer, 0, consume_locked, &ring);
  for (int i = 0; i < 8; i++)
    push_locked(&ring, i);
  pthread_join(consumer, 0);
  return 0;
}
