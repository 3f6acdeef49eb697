/* C: a fork wrapped in a GNU statement-expression macro, the way busybox
 * writes xvfork(): the macro's local pid is the value of the expression, so
 * it goes to the caller, which decides whether to wait. Nothing is reported
 * at the macro's local. */
#define _GNU_SOURCE
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

void die(const char *what) __attribute__((noreturn));
#define xvfork()                                                               \
  ({                                                                           \
    pid_t xvfork_pid_ = vfork();                                               \
    if (xvfork_pid_ < 0)                                                       \
      die("vfork");                                                            \
    xvfork_pid_;                                                               \
  })

/* near-miss: the caller keeps the pid and waits for it. */
int run_and_wait(char **argv) {
  int status = 0;
  pid_t pid = xvfork();
  if (pid == 0) {
    execvp(argv[0], argv);
    _exit(127);
  }
  waitpid(pid, &status, 0);
  return status;
}

/* near-miss: the value only tested; the caller's own use of it is its
   business (the macro's local is not the place to report). */
void start_in_child(char **argv) {
  if (xvfork() == 0) {
    execvp(argv[0], argv);
    _exit(127);
  }
}
