/* near-miss: SA_NOCLDWAIT in a sigaction: children are reaped by the kernel. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>

void run_child(void);

static void install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = SIG_DFL;
  sa.sa_flags = SA_NOCLDWAIT;
  sigaction(SIGCHLD, &sa, NULL);
}

/* near-miss: the SA_NOCLDWAIT above covers this child. */
void start(void) {
  install();
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
}
