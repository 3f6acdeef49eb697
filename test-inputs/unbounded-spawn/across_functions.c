/* A server that forks a child per accepted connection inside a helper, and
   near misses: a helper that waits for its child, one that hands the pid
   back, and a daemonizing helper whose parent exits. */
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

void serve(int fd);

void spawn_handler(int fd) {
  // EXPECT-NOTE@+1:15 calling fork here leaves a process running after 'spawn_handler' returns
  pid_t pid = fork();
  if (pid == 0) {
    serve(fd);
    _exit(0);
  }
  close(fd);
}

void accept_loop(int listener) {
  // EXPECT-NOTE@+1:3 the loop has no exit condition
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    // EXPECT-WARNING@+1:5 calling 'spawn_handler' on every iteration of a loop without a small bound creates an unbounded number of processes: each call leaves a process running; use a bounded pool
    spawn_handler(fd);
  }
}

/* Near misses. */
void run_handler(int fd) {
  pid_t pid = fork();
  if (pid == 0) {
    serve(fd);
    _exit(0);
  }
  waitpid(pid, NULL, 0);
}

pid_t start_handler(int fd) {
  pid_t pid = fork();
  if (pid == 0) {
    serve(fd);
    _exit(0);
  }
  return pid;
}

void daemonize(void) {
  if (fork() > 0)
    exit(0);
}

void near_misses(int listener) {
  for (;;) {
    int fd = accept(listener, NULL, NULL);
    run_handler(fd);
    waitpid(start_handler(fd), NULL, 0);
    daemonize();
  }
}
