/* C: pthreads and fork. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <syslog.h>
#include <unistd.h>

void *entry(void *arg);

void started_then_fork(void) {
  pthread_t id;
  pthread_create(&id, NULL, entry, NULL); // EXPECT-NOTE:3 thread started here may still be running at the fork
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'syslog' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid == 0) {
    syslog(LOG_INFO, "child"); // EXPECT-NOTE:5 the child calls 'syslog' here, before exec or _exit
    execl("/bin/true", "true", (char *)NULL);
    _exit(127);
  }
  pthread_join(id, NULL);
}

void detached_then_fork(void) {
  pthread_t id;
  if (pthread_create(&id, NULL, entry, NULL) == 0) // EXPECT-NOTE:7 thread started here may still be running at the fork
    pthread_detach(id);
  switch (fork()) { // EXPECT-WARNING:11 fork() while other threads may be running, and the child calls 'fprintf' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  case 0:
    fprintf(stderr, "child\n"); // EXPECT-NOTE:5 the child calls 'fprintf' here, before exec or _exit
    _exit(0);
  default:
    break;
  }
}

void array_then_fork(void) {
  pthread_t ids[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&ids[i], NULL, entry, NULL); // EXPECT-NOTE:5 thread started here may still be running at the fork
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'free' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (!pid) {
    free(NULL); // EXPECT-NOTE:5 the child calls 'free' here, before exec or _exit
    _exit(0);
  }
  for (int i = 0; i < 2; ++i)
    pthread_join(ids[i], NULL);
}

void joined_then_fork(void) {
  /* near-miss: the thread is joined before the fork */
  pthread_t id;
  pthread_create(&id, NULL, entry, NULL);
  pthread_join(id, NULL);
  if (fork() == 0) {
    printf("child\n");
    _exit(0);
  }
}

void create_failed(void) {
  /* near-miss: on the path to the fork, pthread_create failed */
  pthread_t id;
  if (pthread_create(&id, NULL, entry, NULL) != 0) {
    if (fork() == 0) {
      printf("child\n");
      _exit(0);
    }
    return;
  }
  pthread_join(id, NULL);
}

void safe_child(void) {
  /* near-miss: the child only calls async-signal-safe functions */
  pthread_t id;
  pthread_create(&id, NULL, entry, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(0);
    execl("/bin/true", "true", (char *)NULL);
    _exit(127);
  }
  pthread_join(id, NULL);
  waitpid(pid, NULL, 0);
}
