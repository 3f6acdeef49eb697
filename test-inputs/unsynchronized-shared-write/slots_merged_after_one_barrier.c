#define _POSIX_C_SOURCE 200809L
/* Workers that fill a slot of their own on each trip of a loop, meet at one
 * barrier, and let the thread the barrier elects add up every slot. With a
 * single wait per trip, the others run on into the next trip and refill
 * their slots while the elected thread still reads them: the refill and the
 * sum share a phase. Near misses: a second wait after the sum, every slot
 * read only after the loop, a sum under the lock the slots are written
 * under, and slots in two buffers picked by the trip's parity. */
#include <pthread.h>

#define WORKERS 4
#define FRAMES 32

struct mixer {
  long *levels;
  long *peaks;
  long *gains;
  long total;
  long total_peak;
  long total_gain;
  long history[2][WORKERS];
  long total_history;
  int nworkers;
  pthread_mutex_t lock;
  pthread_barrier_t frame_done;
  pthread_barrier_t sum_done;
};

struct channel {
  struct mixer *m;
  int id;
};

static long sample_level(int id, int frame) { return (long)(id * 31 + frame) % 97; }

static void mix_frame(struct mixer *m) {
  long sum = 0;
  for (int c = 0; c < m->nworkers; c++)
    sum += m->levels[c];
  m->total += sum;
}

static void *channel_main(void *arg) {
  struct channel *ch = arg;
  struct mixer *m = ch->m;
  for (int f = 0; f < FRAMES; f++) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'm->levels' in the worker's own slot, which another instance of the worker reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
    m->levels[ch->id] = sample_level(ch->id, f);
    if (pthread_barrier_wait(&m->frame_done) == PTHREAD_BARRIER_SERIAL_THREAD)
      // EXPECT-NOTE@+1:7 each instance reads 'm->levels' through this call of 'mix_frame', other instances' slots included
      mix_frame(m);
  }
  return 0;
}

void run_mixer(struct mixer *m) {
  struct channel chans[WORKERS];
  pthread_t tids[WORKERS];
  pthread_barrier_init(&m->frame_done, 0, WORKERS);
  for (int i = 0; i < WORKERS; i++) {
    chans[i] = (struct channel){m, i};
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&tids[i], 0, channel_main, &chans[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
}

/* Near misses. */

static void *two_wait_main(void *arg) {
  struct channel *ch = arg;
  struct mixer *m = ch->m;
  for (int f = 0; f < FRAMES; f++) {
    m->peaks[ch->id] = sample_level(ch->id, f);
    if (pthread_barrier_wait(&m->frame_done) == PTHREAD_BARRIER_SERIAL_THREAD)
      for (int c = 0; c < m->nworkers; c++)
        m->total_peak += m->peaks[c];
    pthread_barrier_wait(&m->sum_done); // no slot is refilled before the sum ends
  }
  return 0;
}

static void *locked_main(void *arg) {
  struct channel *ch = arg;
  struct mixer *m = ch->m;
  for (int f = 0; f < FRAMES; f++) {
    pthread_mutex_lock(&m->lock);
    m->gains[ch->id] = sample_level(ch->id, f);
    pthread_mutex_unlock(&m->lock);
    if (pthread_barrier_wait(&m->frame_done) == PTHREAD_BARRIER_SERIAL_THREAD) {
      pthread_mutex_lock(&m->lock);
      for (int c = 0; c < m->nworkers; c++)
        m->total_gain += m->gains[c];
      pthread_mutex_unlock(&m->lock);
    }
  }
  return 0;
}

static void *last_frame_main(void *arg) {
  struct channel *ch = arg;
  struct mixer *m = ch->m;
  for (int f = 0; f < FRAMES; f++) {
    m->peaks[ch->id] = sample_level(ch->id, f);
    pthread_barrier_wait(&m->frame_done);
  }
  return 0;
}

static void *double_buffered_main(void *arg) {
  struct channel *ch = arg;
  struct mixer *m = ch->m;
  for (int f = 0; f < FRAMES; f++) {
    m->history[f & 1][ch->id] = sample_level(ch->id, f);
    if (pthread_barrier_wait(&m->frame_done) == PTHREAD_BARRIER_SERIAL_THREAD)
      for (int c = 0; c < m->nworkers; c++)
        m->total_history += m->history[f & 1][c];
  }
  return 0;
}

void run_near_misses(struct mixer *m) {
  struct channel chans[WORKERS];
  pthread_t tids[WORKERS];
  pthread_barrier_init(&m->sum_done, 0, WORKERS);
  for (int i = 0; i < WORKERS; i++) {
    chans[i] = (struct channel){m, i};
    pthread_create(&tids[i], 0, two_wait_main, &chans[i]);
  }
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&tids[i], 0, locked_main, &chans[i]);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&tids[i], 0, double_buffered_main, &chans[i]);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&tids[i], 0, last_frame_main, &chans[i]);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(tids[i], 0);
  long sum = 0;
  for (int c = 0; c < m->nworkers; c++)
    sum += m->peaks[c];
  m->total_peak = sum;
}
