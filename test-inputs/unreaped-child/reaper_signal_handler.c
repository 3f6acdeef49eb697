/* C: a SIGCHLD handler installed with signal() that waits for a child each
 * time one exits: the program's own reaper. No child of this file is
 * reported. */
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

void run_child(void);

static void on_child_exit(int sig) {
  (void)sig;
  wait(NULL);
}

/* near-miss: reaped by the handler installed first. */
void run_detached_job(void) {
  signal(SIGCHLD, on_child_exit);
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
}
