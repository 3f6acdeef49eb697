/* C: the pid of a child that a helper forks and returns, dropped by its
   caller, which waits for no child: the child stays a zombie. */
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
void run_child(void);

/* The parent's path returns the pid; the child's never returns. */
pid_t spawn_worker(void) {
  // EXPECT-NOTE@+2:15 the child is started here, in 'spawn_worker'
  // EXPECT-NOTE@+1:15 the child is started here, in 'spawn_worker'
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  printf("started %d\n", (int)pid);
  return pid;
}

/* fork's value returned as it is: the child returns 0. */
pid_t spawn_direct(void) {
  // EXPECT-NOTE@+1:10 the child is started here, in 'spawn_direct'
  return fork();
}

/* posix_spawn writes the pid, and the helper returns it. */
pid_t launch(char *const argv[]) {
  pid_t pid;
  // EXPECT-NOTE@+1:7 the child is started here, in 'launch'
  if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
    return -1;
  return pid;
}

/* A helper of the helper. */
int start_job(void) { return spawn_worker(); }

void serve(char *const argv[]) {
  // EXPECT-WARNING@+1:3 the pid returned by 'spawn_worker' is dropped and nothing here waits for any child, so the child it started stays a zombie after it exits; keep the pid and waitpid() it in the parent
  spawn_worker();
  // EXPECT-WARNING@+1:3 the pid returned by 'launch' is dropped and nothing here waits for any child, so the child it started stays a zombie after it exits; keep the pid and waitpid() it in the parent
  launch(argv);
  // EXPECT-WARNING@+1:3 the pid returned by 'start_job' is dropped and nothing here waits for any child, so the child it started stays a zombie after it exits; keep the pid and waitpid() it in the parent
  start_job();
}

void in_the_child_too(void) {
  // EXPECT-WARNING@+1:3 the pid returned by 'spawn_direct' is dropped and nothing here waits for any child, so the child it started stays a zombie after it exits; keep the pid and waitpid() it in the parent
  spawn_direct();
  run_child();
}
