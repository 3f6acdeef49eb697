/* C: children the parent never reaps on some path. */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
void run_child(void);
int should_stop(void);

/* No wait at all. */
void start_worker(void) {
  // EXPECT-WARNING@+1:15 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

/* The error return after the fork skips the wait. */
int run_with_timeout(int limit) {
  // EXPECT-WARNING@+1:15 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    execlp("sleep", "sleep", "1", (char *)NULL);
    _exit(127);
  }
  if (limit <= 0) {
    kill(pid, SIGKILL);
    // EXPECT-NOTE@+1:5 'pid' is not waited for when the function returns here
    return -1;
  }
  waitpid(pid, NULL, 0);
  return 0;
}

/* Assigned later, the pid dropped at the end. */
void assigned_later(void) {
  pid_t pid;
  // EXPECT-WARNING@+1:9 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid = fork();
  if (pid == 0)
    _exit(0);
  printf("child %d\n", (int)pid);
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

/* posix_spawn with the error code in a variable. */
int spawn_tool(char *const argv[]) {
  pid_t pid;
  // EXPECT-WARNING@+1:13 child process started by posix_spawnp is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  int err = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
  if (err)
    return err;
  // EXPECT-NOTE@+1:3 'pid' is not waited for when the function returns here
  return 0;
}

/* The pid of a discarded fork. */
void discarded(void) {
  // EXPECT-WARNING@+1:11 the pid of the child started by fork is dropped and nothing here waits for any child, so the child stays a zombie after it exits; keep the pid and waitpid() it in the parent
  switch (fork()) {
  case 0:
    run_child();
    _exit(0);
  default:
    break;
  }
}

/* A goto to the cleanup label skips the wait. */
int with_goto(void) {
  int rc = 0;
  // EXPECT-WARNING@+1:15 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  if (should_stop()) {
    rc = -1;
    goto out;
  }
  waitpid(pid, NULL, 0);
out:
  // EXPECT-NOTE@+1:3 'pid' is not waited for when the function returns here
  return rc;
}

/* posix_spawn with a NULL pid pointer: nothing can name the child. */
void spawn_no_pid(char *const argv[]) {
  // EXPECT-WARNING@+1:3 the pid of the child started by posix_spawn is dropped and nothing here waits for any child, so the child stays a zombie after it exits; keep the pid and waitpid() it in the parent
  posix_spawn(NULL, argv[0], NULL, NULL, argv, environ);
}
