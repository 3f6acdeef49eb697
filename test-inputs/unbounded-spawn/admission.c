/* Servers that fork a child per connection. A gauge of the live children
   (counted up when one starts, down when one is reaped, anywhere in the file)
   checked against a limit before the fork, directly or by a function handed
   it, bounds them: silent. Without such a check the count is the clients'. */
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void handle(int fd);

static int children_active;
static int max_startups = 10;

static int drop_connection(int fd, int active) {
  (void)fd;
  return active >= max_startups;
}

static void child_started(void) { ++children_active; }

static void reap(int sig) {
  (void)sig;
  while (waitpid(-1, NULL, WNOHANG) > 0)
    children_active--;
}

/* near-miss: an admission check handed the number of live children. */
void serve_admitted(int listener) {
  signal(SIGCHLD, reap);
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    if (drop_connection(fd, children_active)) {
      close(fd);
      continue;
    }
    child_started();
    if (fork() == 0) {
      handle(fd);
      _exit(0);
    }
    close(fd);
  }
}

/* near-miss: the gauge compared with the limit directly. */
void serve_capped(int listener) {
  signal(SIGCHLD, reap);
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    if (children_active >= max_startups) {
      close(fd);
      continue;
    }
    child_started();
    if (fork() == 0) {
      handle(fd);
      _exit(0);
    }
    close(fd);
  }
}

/* A child per connection with no cap on the live ones. */
void serve_all(int listener) {
  signal(SIGCHLD, reap);
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
      continue;
    // EXPECT-WARNING@+1:9 calling fork on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool
    if (fork() == 0) {
      handle(fd);
      _exit(0);
    }
    close(fd);
  }
}
