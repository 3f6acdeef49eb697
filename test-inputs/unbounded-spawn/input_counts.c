/* Counts that come from the program's input at run time: the command line,
   the environment, a value read from stdin. Each loop is reported once, with
   a note per further spawn in it. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *serve(void *arg);
void *log_progress(void *arg);

void per_argument(int argc, char **argv) {
  pthread_t ids[64];
  /* not main's argc: a parameter of another function is a configured count */
  for (int i = 0; i < argc && i < 64; ++i)
    pthread_create(&ids[i], NULL, serve, argv[i]);
}

/* near-miss: the operator sets the number of workers (JOBS=8, -t 8): a
   configured count, like one set by getopt, not the size of the work */
void from_environment(void) {
  int jobs = atoi(getenv("JOBS"));
  pthread_t id;
  for (int i = 0; i < jobs; ++i) {
    pthread_create(&id, NULL, serve, NULL);
    pthread_detach(id);
  }
}


void from_stdin(void) {
  int count;
  if (scanf("%d", &count) != 1)
    return;
  pthread_t id;
  // EXPECT-NOTE@+1:3 the loop's bound is read at run time, so it grows with the input
  for (int i = 0; i < count; ++i) {
    // EXPECT-WARNING@+1:5 calling pthread_create on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool
    pthread_create(&id, NULL, serve, NULL);
    // EXPECT-NOTE@+1:5 calling pthread_create here too, on every iteration of the same loop
    pthread_create(&id, NULL, log_progress, NULL);
  }
}

/* near-miss: a count read at run time, capped by a constant before the loop */
void capped_by_constant(void) {
  int jobs = atoi(getenv("JOBS"));
  if (jobs > 16)
    jobs = 16;
  pthread_t ids[16];
  for (int i = 0; i < jobs; ++i)
    pthread_create(&ids[i], NULL, serve, NULL);
  for (int i = 0; i < jobs; ++i)
    pthread_join(ids[i], NULL);
}

int main(int argc, char **argv) {
  pthread_t id;
  // EXPECT-NOTE@+1:3 the loop's bound is read at run time, so it grows with the input
  for (int i = 1; i < argc; ++i) {
    // EXPECT-WARNING@+1:5 calling pthread_create on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool
    pthread_create(&id, NULL, serve, argv[i]);
    pthread_detach(id);
  }
  per_argument(argc, argv);
  /* near-miss: the worker count typed on the command line */
  for (int i = 0, n = atoi(argv[2]); i < n; ++i) {
    pthread_create(&id, NULL, serve, NULL);
    pthread_detach(id);
  }
  from_environment();
  from_stdin();
  capped_by_constant();
  return 0;
}
