/* Two workers, each launched once with its own argument struct (`&rx`,
 * `&gc`), whose pointer fields both hold one object (`.slab = s`): what
 * the workers write through those fields is shared, though the structs are
 * not. Near misses: fields pointing at two different objects, a field given
 * another object later, writes under the object's lock, and each worker's
 * own range of an array (picked by its struct's fields). */
#include <pthread.h>
#include <stdlib.h>

struct slab {
  pthread_mutex_t lock;
  unsigned char state[32];
  int refs;
  int locked_refs;
};

struct rx_ctx { struct slab *slab; int first, count; long bytes; };
struct gc_ctx { struct slab *slab; int first, count; int emptied; };

static void slab_take(struct slab *s, int idx) {
  s->state[idx] = 1;
  // EXPECT-NOTE@+2:3 another worker writes 's->refs' here
  // EXPECT-WARNING@+1:3 unsynchronized write to 's->refs' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  s->refs++;
  pthread_mutex_lock(&s->lock);
  s->locked_refs++;
  pthread_mutex_unlock(&s->lock);
}

static int slab_give(struct slab *s, int idx) {
  s->state[idx] = 0;
  pthread_mutex_lock(&s->lock);
  s->locked_refs--;
  pthread_mutex_unlock(&s->lock);
  // EXPECT-NOTE@+2:10 another worker writes 's->refs' here
  // EXPECT-WARNING@+1:10 unsynchronized write to 's->refs' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  return --s->refs == 0;
}

static void *rx_thread(void *arg) {
  struct rx_ctx *c = arg;
  for (int i = c->first; i < c->first + c->count; i++) {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'slab_take'
    slab_take(c->slab, i);
    c->bytes += 256;
  }
  return 0;
}

static void *gc_thread(void *arg) {
  struct gc_ctx *c = arg;
  for (int i = c->first; i < c->first + c->count; i++)
    // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'slab_give'
    if (slab_give(c->slab, i))
      c->emptied++;
  return 0;
}

int shared_slab(void) {
  struct slab *s = calloc(1, sizeof *s);
  pthread_mutex_init(&s->lock, 0);
  struct rx_ctx rx = {.slab = s, .first = 0, .count = 16};
  struct gc_ctx gc = {.first = 16, .count = 16};
  gc.slab = s;
  pthread_t a, b;
  pthread_create(&a, 0, rx_thread, &rx);
  pthread_create(&b, 0, gc_thread, &gc);
  pthread_join(a, 0);
  pthread_join(b, 0);
  int left = s->refs;
  free(s);
  return left;
}

int two_slabs(void) {
  struct slab *s = calloc(1, sizeof *s), *t = calloc(1, sizeof *t);
  struct rx_ctx rx = {.slab = s, .first = 0, .count = 16};
  struct gc_ctx gc = {.slab = t, .first = 16, .count = 16};
  pthread_t a, b;
  pthread_create(&a, 0, rx_thread, &rx);
  pthread_create(&b, 0, gc_thread, &gc);
  pthread_join(a, 0);
  pthread_join(b, 0);
  free(s);
  free(t);
  return 0;
}

int slab_given_later(struct slab *spare) {
  struct slab *s = calloc(1, sizeof *s);
  struct rx_ctx rx = {.slab = s, .first = 0, .count = 16};
  struct gc_ctx gc = {.slab = s, .first = 16, .count = 16};
  gc.slab = spare;
  pthread_t a, b;
  pthread_create(&a, 0, rx_thread, &rx);
  pthread_create(&b, 0, gc_thread, &gc);
  pthread_join(a, 0);
  pthread_join(b, 0);
  free(s);
  return 0;
}
