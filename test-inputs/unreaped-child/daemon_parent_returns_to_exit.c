// A daemonizing helper: the parent writes the child's pid to a file and
// returns DONE, which main answers with `return 0`; the child goes on as
// the daemon. The parent process ends right away, so the child is
// reparented, never a zombie of it. Near miss that is reported: a helper
// whose parent branch returns to a caller that keeps running.
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

enum status { STATUS_OK, STATUS_DONE, STATUS_ERROR };

static enum status daemonize(FILE *pid_file) {
  pid_t pid = fork();
  if (pid > 0) {
    fprintf(pid_file, "%d", (int)pid);
    return STATUS_DONE;
  }
  if (pid < 0)
    return STATUS_ERROR;
  if (setsid() < 0)
    return STATUS_ERROR;
  return STATUS_OK;
}

static enum status start_helper(void) {
  // EXPECT-WARNING@+1:15 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = fork();
  if (pid > 0)
    // EXPECT-NOTE@+1:5 'pid' is not waited for when the function returns here
    return STATUS_DONE;
  if (pid < 0)
    return STATUS_ERROR;
  _exit(0);
}

int main(void) {
  switch (daemonize(stdout)) {
  case STATUS_OK:
    break;
  case STATUS_DONE:
    return 0;
  case STATUS_ERROR:
    return 1;
  }
  if (start_helper() == STATUS_DONE)
    printf("helper started\n");
  return 0;
}
