/* A child the program keeps talking to through a pipe or a socket pair whose
   end leaves the function is a co-process (a privilege-separation helper, a
   script runner): it serves the program for its lifetime, and its reaping
   belongs to the program's SIGCHLD handler or main loop. */
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

extern int serve_requests(int fd);
static int helper_fd = -1;

/* near-miss: the write end of the pipe is returned to the caller */
int start_script_runner(void) {
  int fds[2];
  pid_t pid;
  if (pipe(fds) == -1 || (pid = fork()) == -1)
    return -1;
  if (pid != 0) {
    close(fds[0]);
    return fds[1];
  }
  close(fds[1]);
  _exit(serve_requests(fds[0]));
}

/* near-miss: one end of the socket pair is kept in a global */
int start_privileged_helper(void) {
  int sv[2];
  pid_t pid;
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
    return -1;
  if ((pid = fork()) == -1)
    return -1;
  if (pid != 0) {
    close(sv[0]);
    helper_fd = sv[1];
    return 0;
  }
  close(sv[1]);
  _exit(serve_requests(sv[0]));
}

/* the pipe stays local and is closed: nothing keeps the child, nothing
   waits for it */
int run_detached_once(void) {
  int fds[2];
  if (pipe(fds) == -1)
    return -1;
  // EXPECT-WARNING@+1:15 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = fork();
  if (pid == 0) {
    close(fds[1]);
    _exit(serve_requests(fds[0]));
  }
  close(fds[0]);
  close(fds[1]);
  return pid > 0 ? 0 : -1; // EXPECT-NOTE:3 'pid' is not waited for when the function returns here
}
