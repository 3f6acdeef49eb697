// A helper names a member of its argument through a local pointer (`struct
// link_stats *st = &dev->stats;`) and writes through it: the write is to
// that member of the caller's object. Near misses: the writes under the
// device's one lock, and a pointer moved to another object on some path
// (parlint cannot tell which it names, and stays silent).
#include <pthread.h>

struct link_stats {
  unsigned long frames;
  unsigned long errors;
};

struct device {
  pthread_mutex_t lock;
  struct link_stats stats;
  struct link_stats spare;
  int mode;
};

static struct device eth0;

static void count_frame(struct device *dev, int bad) {
  struct link_stats *st = &dev->stats;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'eth0.stats.frames' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  st->frames++;
  if (bad)
    st->errors++;
}

static void count_frame_locked(struct device *dev) {
  struct link_stats *st = &dev->stats;
  pthread_mutex_lock(&dev->lock);
  st->frames++;
  pthread_mutex_unlock(&dev->lock);
}

static void count_somewhere(struct device *dev) {
  struct link_stats *st = &dev->stats;
  if (dev->mode)
    st = &dev->spare;
  st->errors++;
}

static void *rx_worker(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'count_frame'
    count_frame(&eth0, i % 7 == 0);
  return NULL;
}

static void *rx_worker_locked(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    count_frame_locked(&eth0);
  return NULL;
}

static void *rx_worker_somewhere(void *arg) {
  (void)arg;
  for (int i = 0; i < 100; i++)
    count_somewhere(&eth0);
  return NULL;
}

void start_rx(void) {
  pthread_t t[3];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, rx_worker, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
}

void start_rx_locked(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, rx_worker_locked, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
}

void start_rx_somewhere(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, rx_worker_somewhere, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
}
