/* C: a SIGCHLD handler that loops on waitpid(-1, ..., WNOHANG) reaps every
 * child of the process as it exits, whichever function forked it: no
 * function of this file is reported. */
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void run_child(void);

static void on_child_exit(int sig) {
  int status;
  (void)sig;
  while (waitpid(-1, &status, WNOHANG) > 0)
    ;
}

void install_reaper(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_child_exit;
  sigaction(SIGCHLD, &sa, NULL);
}

/* near-miss: the handler above reaps it. */
void spawn_worker(void) {
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
}

/* near-miss: a dropped pid, reaped by the handler too. */
void spawn_and_forget(void) {
  if (fork() == 0) {
    run_child();
    _exit(0);
  }
}
