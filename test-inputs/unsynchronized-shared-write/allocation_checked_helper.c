/* pthread workers that call a helper which allocates a node, returns when
 * the allocation fails, and otherwise pushes it on a global list without a
 * lock. The failed allocation is the error path: every call that succeeds
 * writes the list head, from several workers at once. */
#include <pthread.h>
#include <stdlib.h>

struct node {
  int value;
  struct node *next;
};
static struct node *head;
static pthread_mutex_t head_lock = PTHREAD_MUTEX_INITIALIZER;

static void push(int value) {
  struct node *n = calloc(1, sizeof *n);
  if (!n)
    return;
  n->value = value;
  n->next = head;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'head' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  head = n;
}

static void *producer(void *arg) {
  // EXPECT-NOTE@+1:3 the worker makes the write through this call of 'push'
  push(*(int *)arg);
  return NULL;
}

void produce_all(int *values, int count) {
  pthread_t threads[8];
  if (count > 8)
    count = 8;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < count; ++i)
    pthread_create(&threads[i], NULL, producer, &values[i]);
  for (int i = 0; i < count; ++i)
    pthread_join(threads[i], NULL);
}

/* near-miss: the same push under the list's mutex. */
static void push_locked(int value) {
  struct node *n = malloc(sizeof *n);
  if (n == NULL)
    return;
  n->value = value;
  pthread_mutex_lock(&head_lock);
  n->next = head;
  head = n;
  pthread_mutex_unlock(&head_lock);
}

/* near-miss: the write is on the branch of a lookup that found nothing, a
 * path the helper takes only sometimes. */
struct node *lookup(int value);
static long misses;

static void note_miss(int value) {
  struct node *n = lookup(value);
  if (n)
    return;
  misses++;
}

static void *consumer(void *arg) {
  push_locked(*(int *)arg);
  note_miss(*(int *)arg);
  return NULL;
}

void consume_all(int *values, int count) {
  pthread_t threads[8];
  if (count > 8)
    count = 8;
  for (int i = 0; i < count; ++i)
    pthread_create(&threads[i], NULL, consumer, &values[i]);
  for (int i = 0; i < count; ++i)
    pthread_join(threads[i], NULL);
}
