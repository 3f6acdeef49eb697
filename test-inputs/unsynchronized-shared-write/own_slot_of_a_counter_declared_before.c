#define _POSIX_C_SOURCE 200809L
/* Reader threads numbered by a launch loop whose counter is declared before
 * the loop (`long thread_id; for (thread_id = 0; ...)`) and handed over by
 * value: each worker's slot is its own, as with a counter declared in the
 * loop. Near misses only; plus a stop flag the launching thread sets to a
 * constant through a helper, on a `volatile` flag the workers poll (the
 * check's documented silence for such flags holds through calls too).
 * Reported: a counter the workers all add to, and the address of the loop
 * counter handed to every launch (the loop moves it while they read it). */
#include <pthread.h>
#include <stddef.h>

#define READERS 4

struct reader {
  void *handle;
  long packets;
  pthread_t thread;
};

static struct reader readers[READERS];
static volatile int stop_reading;
static long shared_packets;

static void request_stop(void) { stop_reading = 1; }

static void *reader_main(void *arg) {
  long id = (long)arg;
  while (!stop_reading && readers[id].packets < 1000)
    readers[id].packets++;
  readers[id].handle = NULL;
  return NULL;
}

void read_all(void) {
  long thread_id;
  for (thread_id = 0; thread_id < READERS; thread_id++)
    pthread_create(&readers[thread_id].thread, NULL, reader_main, (void *)thread_id);
  request_stop();
  for (thread_id = 0; thread_id < READERS; thread_id++)
    pthread_join(readers[thread_id].thread, NULL);
}

static void *by_address_main(void *arg) {
  long *id = arg;
  // EXPECT-WARNING@+2:3 unsynchronized write to 'shared_packets' in a worker launched several times at once; make it _Atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  // EXPECT-NOTE@+1:21 the worker reads 'thread_id' here
  shared_packets += *id;
  return NULL;
}

void read_by_address(void) {
  pthread_t threads[READERS];
  long thread_id;
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-WARNING@+1:44 unsynchronized write to 'thread_id' while a worker started earlier may be reading it; hand each worker its own copy or guard every access with one mutex
  for (thread_id = 0; thread_id < READERS; thread_id++)
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&threads[thread_id], NULL, by_address_main, &thread_id);
  for (thread_id = 0; thread_id < READERS; thread_id++)
    pthread_join(threads[thread_id], NULL);
}
