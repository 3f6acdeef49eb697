/* near-miss: sa_handler = SIG_IGN for SIGCHLD: children are reaped by the
   kernel. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>

void run_child(void);

/* near-miss: the ignore is installed in the same function. */
void start(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGCHLD, &sa, NULL);
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
}
