/* C: the pid handed to the caller through an out-parameter by a chained
 * assignment (`*child_pid = pid = fork()`): the caller waits for it, so
 * nothing is reported here, even on the paths that return an error. */
#include <sys/types.h>
#include <unistd.h>

int close_pipes(int fds[2]);

/* near-miss: the caller has the pid on every path after the fork. */
int run_piped(char **argv, int fds[2], pid_t *child_pid) {
  pid_t pid;
  *child_pid = pid = fork();
  if (pid == -1)
    return -1;
  if (pid == 0) {
    execvp(argv[0], argv);
    _exit(127);
  }
  if (close_pipes(fds) != 0)
    return -1;
  return 0;
}

/* The same without handing the pid over. */
int run_unkept(char **argv) {
  pid_t pid;
  // EXPECT-WARNING@+1:9 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid = fork();
  if (pid == -1)
    return -1;
  if (pid == 0) {
    execvp(argv[0], argv);
    _exit(127);
  }
  // EXPECT-NOTE@+1:3 'pid' is not waited for when the function returns here
  return 0;
}
