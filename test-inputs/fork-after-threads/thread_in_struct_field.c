/* A pthread_t kept in a field of a local struct, or of an element of a
 * local array of structs: the thread runs until that field is joined. A
 * fork before the join meets it; a fork after the join (or after the loop
 * joining every element's) does not. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

struct worker {
  pthread_t thread;
  int id;
};

void *work(void *arg);

void fork_while_field_thread_runs(void) {
  struct worker one = {.id = 1};
  pthread_create(&one.thread, NULL, work, &one); // EXPECT-NOTE:3 thread started here may still be running at the fork
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'printf' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid == 0) {
    printf("child\n"); // EXPECT-NOTE:5 the child calls 'printf' here, before exec or _exit
    _exit(0);
  }
  pthread_join(one.thread, NULL);
}

/* Near misses. */

void fork_after_field_join(void) {
  struct worker one = {.id = 1};
  pthread_create(&one.thread, NULL, work, &one);
  pthread_join(one.thread, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    printf("child\n");
    _exit(0);
  }
}

void fork_after_join_loop(void) {
  struct worker pool[4];
  for (int i = 0; i < 4; i++) {
    pool[i].id = i;
    pthread_create(&pool[i].thread, NULL, work, &pool[i]);
  }
  for (int i = 0; i < 4; i++)
    pthread_join(pool[i].thread, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    printf("child\n");
    _exit(0);
  }
}
