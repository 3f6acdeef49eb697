// A server that forks a process per connection and reaps its children in a
// SIGCHLD handler (a lambda run when the signal arrives, looping on
// waitpid(-1, ..., WNOHANG)): every child is collected, though no function
// that forks waits itself.
#include <functional>
#include <sys/wait.h>
#include <unistd.h>

void onSignal(int signal, std::function<void()> handler);
void serve(int fd);
int acceptOne();

class Server {
public:
  Server() {
    onSignal(SIGCHLD, [] {
      int status = 0;
      while (waitpid(-1, &status, WNOHANG) > 0) {
      }
    });
  }

  // near-miss: the child is reaped by the SIGCHLD handler above.
  void acceptLoop() {
    for (;;) {
      int fd = acceptOne();
      if (fork() == 0) {
        serve(fd);
        _exit(0);
      }
      close(fd);
    }
  }
};
