// A function starts one thread per connection range and returns 1 when a
// start fails, leaving the threads started so far unjoined. Its only
// caller answers 1 with exit(1): the process ends there, so nothing is
// leaked. Near miss that is reported: the same function called by one
// caller that exits and one that only prints and goes on.
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 4

static int opened[THREADS];

static void *open_range(void *arg) {
  opened[(long)arg] = 1;
  return NULL;
}

static int open_connections(void) {
  pthread_t threads[THREADS];
  for (long i = 0; i < THREADS; i++) {
    if (pthread_create(&threads[i], NULL, open_range, (void *)i) != 0) {
      fprintf(stderr, "cannot start thread %ld\n", i);
      return 1;
    }
  }
  for (int i = 0; i < THREADS; i++)
    pthread_join(threads[i], NULL);
  return 0;
}

static int warm_caches(void) {
  pthread_t threads[THREADS];
  for (long i = 0; i < THREADS; i++) {
    // EXPECT-WARNING@+1:9 thread started by pthread_create can leave this function without being joined or detached, which leaks it; call pthread_join or pthread_detach on 'threads' on every path
    if (pthread_create(&threads[i], NULL, open_range, (void *)i) != 0)
      // EXPECT-NOTE@+1:7 'threads' is neither joined nor detached when the function returns here
      return 1;
  }
  for (int i = 0; i < THREADS; i++)
    pthread_join(threads[i], NULL);
  return 0;
}

int main(void) {
  if (open_connections() != 0) {
    printf("error opening connections\n");
    exit(1);
  }
  if (warm_caches() != 0) {
    printf("error warming the caches\n");
    exit(1);
  }
  if (warm_caches() != 0)
    printf("second warm-up failed, going on\n");
  printf("%d\n", opened[0]);
  return 0;
}
