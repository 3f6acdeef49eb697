/* C: pthread loops with a literal count are reported; C has no std::max, so
   there is no fix-it unless FixItReplacement names a function. */
#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

// EXPECT-NOTE@+1:21 'NUM_WORKERS' is defined as 4 here
#define NUM_WORKERS 4
#define START_ALL(ids, n)                                                      \
  for (int k_ = 0; k_ < (n); ++k_)                                             \
    pthread_create(&(ids)[k_], NULL, entry, NULL)

void *entry(void *arg);

void literal_bound(void) {
  pthread_t ids[8];
  for (int i = 0; i < 8; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 8 threads whatever the machine; use sysconf(_SC_NPROCESSORS_ONLN) or a configured count instead of the literal
    pthread_create(&ids[i], NULL, entry, NULL);
  for (int i = 0; i < 8; ++i)
    pthread_join(ids[i], NULL);
}

void while_bound(void) {
  pthread_t ids[3];
  int started = 0;
  while (started < 3) { // EXPECT-WARNING:3 hardcoded worker count: this loop starts 3 threads whatever the machine; use sysconf(_SC_NPROCESSORS_ONLN) or a configured count instead of the literal
    if (pthread_create(&ids[started], NULL, entry, NULL) != 0)
      continue;
    started++;
  }
  for (int i = 0; i < started; ++i)
    pthread_join(ids[i], NULL);
}

void macro_literal(void) {
  pthread_t ids[6];
  START_ALL(ids, 6); // EXPECT-WARNING:18 hardcoded worker count: this loop starts 6 threads whatever the machine; use sysconf(_SC_NPROCESSORS_ONLN) or a configured count instead of the literal
  for (int i = 0; i < 6; ++i)
    pthread_join(ids[i], NULL);
}

/* A macro's literal is a literal: reported, with a note at the #define. */
void named_count(void) {
  pthread_t ids[NUM_WORKERS];
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 4 threads whatever the machine ('NUM_WORKERS' is the literal 4); use sysconf(_SC_NPROCESSORS_ONLN) or a configured count instead of the literal
  for (int i = 0; i < NUM_WORKERS; ++i)
    pthread_create(&ids[i], NULL, entry, NULL);
  for (int i = 0; i < NUM_WORKERS; ++i)
    pthread_join(ids[i], NULL);
}

void from_sysconf(pthread_t *ids) {
  /* near-miss: derived from the machine */
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  for (long i = 0; i < n; ++i)
    pthread_create(&ids[i], NULL, entry, NULL);
  for (long i = 0; i < n; ++i)
    pthread_join(ids[i], NULL);
}

void joined_each_round(void) {
  /* near-miss: each round waits for its thread */
  for (int round = 0; round < 4; ++round) {
    pthread_t id;
    pthread_create(&id, NULL, entry, NULL);
    pthread_join(id, NULL);
  }
}

void one_thread(void) {
  /* near-miss: one background thread */
  pthread_t ids[1];
  for (int i = 0; i < 1; ++i)
    pthread_create(&ids[i], NULL, entry, NULL);
  pthread_join(ids[0], NULL);
}
