/* A function that tests many other values (sockets, lengths, a mode in
   every branch) still knows that `pid < 0` is the fork that failed: the
   start's result is tracked before the rest. */
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

extern void record(int error);
extern int prepare(int mode);

/* near-miss: no child exists on the `pid < 0` path; the parent waits for it
   on every other path */
int measure(const int mode) {
  pid_t pid;
  char buffer[64] = {0};

  pid = fork();
  if (pid < 0) {
    return -1;
  } else if (pid == 0) {
    int sfd = socket(AF_UNIX, SOCK_STREAM, 0);
    int ret;
    ssize_t sent;
    if (sfd < 0)
      _exit(1);
    ret = prepare(mode);
    if (ret < 0)
      record(ret);
    sent = send(sfd, buffer, sizeof(buffer), 0);
    if (sent < 0)
      record((int)sent);
    _exit(0);
  } else {
    int sfd, fd, ret, status;
    ssize_t got;
    sfd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (sfd < 0)
      goto reap;
    ret = listen(sfd, 1);
    if (ret < 0)
      goto close_socket;
    fd = accept(sfd, NULL, NULL);
    if (fd < 0)
      goto close_socket;
    switch (mode) {
    case 1:
      got = recv(fd, buffer, sizeof(buffer), 0);
      if (got < 0)
        record((int)got);
      break;
    default:
      break;
    }
    (void)close(fd);
  close_socket:
    (void)close(sfd);
  reap:
    (void)waitpid(pid, &status, 0);
  }
  return 0;
}

int main(void) { return measure(1); }
