// Each worker counts its requests in the slot its id picks; a monitor
// thread prints every slot, passing its loop index to printf along with
// the value, while the workers run. Handing the index to a variadic
// function passes a copy, which the callee cannot change: the monitor
// still reads every slot, each of which a worker writes. Near miss: the
// report the main thread prints the same way after joining the workers.
#include <pthread.h>
#include <stdio.h>

#define WORKERS 2

struct counters {
  unsigned long requests;
  unsigned long failures;
};

static struct counters g_counters[WORKERS];

static void *serve(void *arg) {
  int id = (int)(long)arg;
  struct counters *mine = &g_counters[id];
  for (int n = 0; n < 400; n++) {
    if ((id * 31 + n * 7) % 13 == 0)
      mine->failures++;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_counters.requests' in the worker's own slot, which another thread reads while the worker may still be running; make it _Atomic, guard every access with one mutex, or read the slots only once the workers have finished
    mine->requests = mine->requests + 1;
  }
  return NULL;
}

static void *monitor(void *arg) {
  (void)arg;
  for (int round = 0; round < 3; round++)
    for (int i = 0; i < WORKERS; i++)
      // EXPECT-NOTE@+1:50 another worker reads 'g_counters.requests' here
      printf("requests{worker=\"%d\"} %lu\n", i, g_counters[i].requests);
  return NULL;
}

int main(void) {
  pthread_t workers[WORKERS], mon;
  for (long i = 0; i < WORKERS; i++)
    // EXPECT-NOTE@+1:5 the worker is started here
    pthread_create(&workers[i], NULL, serve, (void *)i);
  // EXPECT-NOTE@+1:3 the reading worker is started here
  pthread_create(&mon, NULL, monitor, NULL);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(workers[i], NULL);
  pthread_join(mon, NULL);
  for (int i = 0; i < WORKERS; i++)
    printf("final{worker=\"%d\"} %lu %lu\n", i, g_counters[i].requests,
           g_counters[i].failures);
  return 0;
}
