/* C near misses: every child is reaped, escapes, or was never created. */
#define _GNU_SOURCE
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
void run_child(void);
void remember(pid_t pid);

struct job {
  pid_t pid;
};

/* near-miss: the classic fork / exec / waitpid. */
int run(const char *path) {
  int status = 0;
  pid_t pid = fork();
  if (pid == -1)
    return -1;
  if (pid == 0) {
    execl(path, path, (char *)NULL);
    _exit(127);
  }
  if (waitpid(pid, &status, 0) == -1)
    return -1;
  return WEXITSTATUS(status);
}

/* near-miss: stored in a struct the caller owns. */
void start_job(struct job *job) {
  job->pid = fork();
  if (job->pid == 0) {
    run_child();
    _exit(0);
  }
}

/* near-miss: stored through an out parameter. */
void start_out(pid_t *out) {
  *out = fork();
  if (*out == 0)
    _exit(0);
}

/* near-miss: passed to a function that takes it. */
void start_remembered(void) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  remember(pid);
}

/* near-miss: the pid is returned. */
pid_t start(void) {
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    exit(0);
  }
  return pid;
}

/* near-miss: posix_spawn failure branch returns; success waited. */
int spawn_wait(char *const argv[]) {
  pid_t pid;
  int status;
  if (posix_spawn(&pid, argv[0], NULL, NULL, argv, environ) != 0)
    return -1;
  waitpid(pid, &status, 0);
  return status;
}

/* near-miss: a wait() loop reaps all children after a fork loop. */
void fan_out(int n) {
  for (int i = 0; i < n; ++i) {
    pid_t pid = fork();
    if (pid == 0) {
      run_child();
      _exit(0);
    }
  }
  while (wait(NULL) > 0)
    ;
}

/* near-miss: the child branch tested with !pid. */
void not_pid(void) {
  pid_t pid = fork();
  if (!pid) {
    run_child();
    return;
  }
  if (pid > 0)
    waitpid(pid, NULL, 0);
}

/* near-miss: pids stored in an array, reaped in a loop. */
void array_of_children(void) {
  pid_t pids[4];
  for (int i = 0; i < 4; ++i) {
    pids[i] = fork();
    if (pids[i] == 0)
      _exit(0);
  }
  for (int i = 0; i < 4; ++i)
    waitpid(pids[i], NULL, 0);
}

/* near-miss: the parent aborts on the unwaited path (noreturn). */
void abort_path(int bad) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  if (bad)
    abort();
  waitpid(pid, NULL, 0);
}

/* near-miss: waitpid(0, ...) reaps any child of the process group. */
void waitid_all(void) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  printf("%d\n", pid);
  waitpid(0, NULL, 0);
}

/* near-miss: the parent side exits: the child is reparented to init. */
void daemonize(void) {
  if (fork() != 0)
    exit(0);
  setsid();
}
