/* C: no reaper of every child here. A helper that waits for one child once
 * is called by nobody that forks, and a WNOHANG loop on one pid reaps only
 * that pid. */
#include <sys/wait.h>
#include <unistd.h>

void run_child(void);
static pid_t g_helper;

int reap_one(void) { return wait(NULL); }

static void poll_helper(void) {
  int status;
  while (waitpid(g_helper, &status, WNOHANG) == 0)
    sleep(1);
}

void spawn_worker(void) {
  // EXPECT-WARNING@+1:15 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = fork();
  if (pid == 0) {
    run_child();
    _exit(0);
  }
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

void start_helper(void) {
  g_helper = fork();
  if (g_helper == 0)
    _exit(0);
  poll_helper();
}
