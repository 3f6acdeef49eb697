#define _POSIX_C_SOURCE 200809L
/* Workers that meet at one barrier per trip of their loop: after the wait,
 * worker 0 advances the frame counter while every other worker reads it.
 * Both come after the same wait, so they share a phase and race; the next
 * trip's wait comes only later. Near misses: a second barrier between the
 * write and the reads, and the counter read under the lock it is written
 * under. */
#include <pthread.h>

#define WORKERS 3
#define FRAMES 64

struct world {
  unsigned long tick;
  unsigned long locked_tick;
  pthread_mutex_t lock;
  pthread_barrier_t frame_done;
  pthread_barrier_t tick_done;
};

struct worker {
  struct world *w;
  int id;
  unsigned long hash;
};

static struct world g_world;

static void advance_frame(struct world *w) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_world.tick' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  w->tick++;
}

static void *frame_main(void *arg) {
  struct worker *wk = arg;
  for (int f = 0; f < FRAMES; f++) {
    pthread_barrier_wait(&wk->w->frame_done);
    if (wk->id == 0)
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'advance_frame'
      advance_frame(wk->w);
    else
      // EXPECT-NOTE@+1:34 only one instance writes 'g_world.tick', and every other reads it here
      wk->hash = wk->hash * 31 + wk->w->tick;
  }
  return 0;
}

void run_frames(void) {
  struct worker workers[WORKERS];
  pthread_t tids[WORKERS];
  pthread_barrier_init(&g_world.frame_done, 0, WORKERS);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < WORKERS; i++) {
    workers[i] = (struct worker){.w = &g_world, .id = i};
    pthread_create(&tids[i], 0, frame_main, &workers[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
}

/* Near misses. */

static struct world g_phased;

static void *two_phase_main(void *arg) {
  struct worker *wk = arg;
  for (int f = 0; f < FRAMES; f++) {
    pthread_barrier_wait(&wk->w->frame_done);
    if (wk->id == 0)
      wk->w->tick++;
    pthread_barrier_wait(&wk->w->tick_done); // the reads wait for the write
    if (wk->id != 0)
      wk->hash += wk->w->tick;
  }
  return 0;
}

static void *locked_main(void *arg) {
  struct worker *wk = arg;
  for (int f = 0; f < FRAMES; f++) {
    pthread_barrier_wait(&wk->w->frame_done);
    pthread_mutex_lock(&wk->w->lock);
    if (wk->id == 0)
      wk->w->locked_tick++;
    else
      wk->hash += wk->w->locked_tick;
    pthread_mutex_unlock(&wk->w->lock);
  }
  return 0;
}

void run_phased(void) {
  struct worker workers[WORKERS];
  pthread_t tids[WORKERS];
  for (int i = 0; i < WORKERS; i++) {
    workers[i] = (struct worker){.w = &g_phased, .id = i};
    pthread_create(&tids[i], 0, two_phase_main, &workers[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
  for (int i = 0; i < WORKERS; i++) {
    workers[i] = (struct worker){.w = &g_phased, .id = i};
    pthread_create(&tids[i], 0, locked_main, &workers[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
}
