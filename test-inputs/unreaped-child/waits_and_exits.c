/* C: a wait is a wait whatever it returned, and a parent that ends the
 * process (exit, _exit, abort, exec, a return from main) leaves no zombie:
 * the orphaned child is reaped by init. */
#define _GNU_SOURCE
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
void run_child(void);
int should_stop(void);

/* near-miss: waitpid failed: the child was waited for all the same. */
int wait_failed(void) {
  int status;
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  if (waitpid(pid, &status, 0) < 0) {
    perror("waitpid");
    return -1;
  }
  return WEXITSTATUS(status);
}

/* near-miss: the wait retried on EINTR, its result checked. */
int wait_retried(void) {
  int status = 0;
  pid_t done;
  pid_t pid = fork();
  if (pid == -1)
    return -1;
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  do {
    done = waitpid(pid, &status, 0);
  } while (done == -1 && errno == EINTR);
  if (done != pid)
    return -1;
  return status;
}

/* near-miss: the daemon's switch: the parent exits at once. */
int daemonize(void) {
  switch (fork()) {
  case -1:
    return -1;
  case 0:
    break;
  default:
    _exit(0);
  }
  if (setsid() < 0)
    return -1;
  return 0;
}

/* near-miss: the same with the pid kept and tested. */
int daemonize_kept(void) {
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid > 0)
    exit(0);
  setsid();
  return 0;
}

/* near-miss: the parent replaces itself with another program. */
int hand_over(char **argv) {
  pid_t pid = fork();
  if (pid == -1)
    return -1;
  if (pid != 0)
    execv(argv[0], argv);
  return 0;
}

/* near-miss: the parent aborts. */
void abort_in_parent(void) {
  if (fork() > 0)
    abort();
  run_child();
}

/* near-miss: a flag set where the child started, tested before the wait. */
int flagged_wait(int wanted) {
  int have_child = 0;
  pid_t pid = -1;
  if (wanted) {
    pid = fork();
    if (pid == 0) {
      run_child();
      _exit(0);
    }
    have_child = pid > 0;
  }
  fflush(stdout);
  if (have_child)
    waitpid(pid, NULL, 0);
  return 0;
}

/* near-miss: posix_spawn's result saved and tested later. */
int spawn_checked(char *const argv[]) {
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], NULL, NULL, argv, environ);
  fflush(stdout);
  if (rc)
    return rc;
  waitpid(pid, NULL, 0);
  return 0;
}

/* The daemon's switch, but the parent returns instead of exiting. */
int daemonize_returns(void) {
  // EXPECT-WARNING@+1:11 the pid of the child started by fork is dropped and nothing here waits for any child, so the child stays a zombie after it exits; keep the pid and waitpid() it in the parent
  switch (fork()) {
  case -1:
    return -1;
  case 0:
    break;
  default:
    return 1;
  }
  setsid();
  return 0;
}

/* A server loop that never returns forks a child per request and drops
 * each pid: the children pile up as zombies. */
void serve_forever(void) {
  for (;;) {
    // EXPECT-WARNING@+1:9 the pid of the child started by fork is dropped and nothing here waits for any child, so the child stays a zombie after it exits; keep the pid and waitpid() it in the parent
    if (fork() == 0) {
      run_child();
      _exit(0);
    }
  }
}

/* The parent exits only on one path. */
int exits_sometimes(void) {
  // EXPECT-WARNING@+1:15 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = fork();
  if (pid < 0)
    return -1;
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  if (should_stop())
    exit(0);
  // EXPECT-NOTE@+1:3 'pid' is not waited for when the function returns here
  return 0;
}

/* near-miss: main returns with its child running: the process ends. */
int main(int argc, char **argv) {
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
  if (argc > 1)
    return 1;
  waitpid(pid, NULL, 0);
  return daemonize() + hand_over(argv);
}
