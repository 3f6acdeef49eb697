/* Workers pop job pointers from a locked queue and fill the popped job
 * outside the lock: the pop advances the queue's head (or its top) in the
 * same critical section, so each job goes to one worker alone. A helper
 * that only looks a job up (nothing taken out) hands the same job to every
 * worker that asks for it. */
#include <pthread.h>
#include <stddef.h>

#define CAP 16

struct job {
  int rows;
  unsigned long digest;
};

struct queue {
  pthread_mutex_t lock;
  struct job *items[CAP];
  size_t head;
  size_t size;
};

struct stack {
  pthread_mutex_t lock;
  struct job *items[CAP];
  int top;
};

static struct queue jobs;
static struct stack spare;

static struct job *queue_pop(struct queue *q) {
  struct job *j = NULL;
  pthread_mutex_lock(&q->lock);
  if (q->size > 0) {
    j = q->items[q->head];
    q->head = (q->head + 1) % CAP;
    q->size--;
  }
  pthread_mutex_unlock(&q->lock);
  return j;
}

static struct job *stack_pop(struct stack *s) {
  struct job *j = NULL;
  pthread_mutex_lock(&s->lock);
  if (s->top > 0)
    j = s->items[--s->top];
  pthread_mutex_unlock(&s->lock);
  return j;
}

static struct job *queue_peek(struct queue *q) {
  struct job *j = NULL;
  pthread_mutex_lock(&q->lock);
  if (q->size > 0)
    j = q->items[q->head];
  pthread_mutex_unlock(&q->lock);
  return j;
}

static void render(struct job *j) {
  unsigned long h = 1469598103UL;
  for (int r = 0; r < j->rows; r++)
    h = (h ^ (unsigned long)r) * 1099511UL;
  j->digest = h;
}

static void *render_worker(void *arg) {
  (void)arg;
  for (;;) {
    struct job *j = queue_pop(&jobs);
    if (j == NULL)
      break;
    render(j);
  }
  for (;;) {
    struct job *j = stack_pop(&spare);
    if (j == NULL)
      break;
    render(j);
  }
  return NULL;
}

static void *peek_worker(void *arg) {
  (void)arg;
  struct job *j = queue_peek(&jobs);
  if (j)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'jobs.items.rows' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    j->rows = 0;
  return NULL;
}

void run_render(void) {
  pthread_t t[4];
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, render_worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
}

void run_peek(void) {
  pthread_t t[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; i++)
    pthread_create(&t[i], NULL, peek_worker, NULL);
  for (int i = 0; i < 4; i++)
    pthread_join(t[i], NULL);
}
