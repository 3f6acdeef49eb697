/* A buffer pool: `pin_page()` searches the frames (`f = NULL`, then `f =
 * &bp->frames[i]` in a loop) and returns the one it found; query threads
 * pin and unpin it under the pool's lock, through helpers given that
 * pointer. A checkpointer peeks at the pin count without the lock. Near
 * miss: a checkpointer that takes the lock. */
#include <pthread.h>

#define NFRAMES 8

struct frame {
  int page_id;
  int pin_count;
  int dirty;
};

struct buffer_pool {
  pthread_mutex_t lock;
  struct frame frames[NFRAMES];
  int flushed;
};

static void adjust_pin_locked(struct frame *f, int delta) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'bp.frames.pin_count' in a worker that runs alongside another worker using it; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  f->pin_count += delta;
}

static struct frame *pin_page(struct buffer_pool *bp, int page_id) {
  struct frame *f = 0;
  pthread_mutex_lock(&bp->lock);
  for (int i = 0; i < NFRAMES; i++)
    if (bp->frames[i].page_id == page_id) {
      f = &bp->frames[i];
      break;
    }
  if (f)
    adjust_pin_locked(f, +1);
  pthread_mutex_unlock(&bp->lock);
  return f;
}

static void unpin_page(struct buffer_pool *bp, struct frame *f) {
  pthread_mutex_lock(&bp->lock);
  adjust_pin_locked(f, -1);
  pthread_mutex_unlock(&bp->lock);
}

static void *query_thread(void *arg) {
  struct buffer_pool *bp = arg;
  for (int round = 0; round < 50; round++) {
    // EXPECT-NOTE@+1:23 the worker makes the write through this call of 'pin_page'
    struct frame *f = pin_page(bp, round % NFRAMES);
    unpin_page(bp, f);
  }
  return 0;
}

static void *checkpointer(void *arg) {
  struct buffer_pool *bp = arg;
  for (int i = 0; i < NFRAMES; i++) {
    struct frame *f = &bp->frames[i];
    // EXPECT-NOTE@+1:9 another worker reads 'bp.frames.pin_count' here without holding the lock taken at the write
    if (f->pin_count == 0 && f->dirty) {
      f->dirty = 0;
      bp->flushed++;
    }
  }
  return 0;
}

static void *locked_checkpointer(void *arg) {
  struct buffer_pool *bp = arg;
  for (int i = 0; i < NFRAMES; i++) {
    struct frame *f = &bp->frames[i];
    pthread_mutex_lock(&bp->lock);
    if (f->pin_count == 0 && f->dirty) {
      f->dirty = 0;
      bp->flushed++;
    }
    pthread_mutex_unlock(&bp->lock);
  }
  return 0;
}

int run_pool(void) {
  static struct buffer_pool bp = {.lock = PTHREAD_MUTEX_INITIALIZER};
  pthread_t q, ck;
  pthread_create(&q, 0, query_thread, &bp);
  pthread_create(&ck, 0, checkpointer, &bp);
  pthread_join(q, 0);
  pthread_join(ck, 0);
  return bp.flushed;
}

int run_locked_pool(void) {
  static struct buffer_pool bp = {.lock = PTHREAD_MUTEX_INITIALIZER};
  pthread_t q, ck;
  pthread_create(&q, 0, query_thread, &bp);
  pthread_create(&ck, 0, locked_checkpointer, &bp);
  pthread_join(q, 0);
  pthread_join(ck, 0);
  return bp.flushed;
}
