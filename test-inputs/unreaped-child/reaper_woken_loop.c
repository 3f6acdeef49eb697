/* C: a SIGCHLD handler that reaps nothing itself: it only wakes the main
 * loop's select(), and the loop waits for the children (here through a
 * function of another file). Installing it is the program's child-exit
 * strategy, so no child of this file is reported. */
#include <signal.h>
#include <string.h>
#include <sys/select.h>
#include <sys/types.h>
#include <unistd.h>

void serve(int listen_fd);
void collect_exited_children(void); /* waitpid(-1, ..., WNOHANG), elsewhere */

static int live_children;

static void on_child_exit(int sig) {
  (void)sig; /* only here to interrupt select() */
}

static void install_handler(void) {
  struct sigaction act;
  memset(&act, 0, sizeof act);
  act.sa_handler = on_child_exit;
  sigaction(SIGCHLD, &act, NULL);
}

/* near-miss: a pre-forked pool topped up in the parent; the pids are not
   kept, the loop above collects the children when they exit. */
static void top_up(int listen_fd, int wanted) {
  pid_t kid;
  while (live_children < wanted) {
    if ((kid = fork()) == -1) {
      _exit(1);
    } else if (kid == 0) {
      serve(listen_fd);
      _exit(0);
    } else {
      ++live_children;
    }
  }
}

void run_pool(int listen_fd) {
  install_handler();
  for (;;) {
    top_up(listen_fd, 4);
    select(0, NULL, NULL, NULL, NULL);
    collect_exited_children();
  }
}
