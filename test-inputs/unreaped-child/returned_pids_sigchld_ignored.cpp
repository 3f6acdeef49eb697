// near-miss: the process ignores SIGCHLD, so the kernel reaps the children
// of a forking helper whose pid is dropped.
#include <csignal>
#include <unistd.h>

void runChild();

pid_t spawnWorker() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  return pid;
}

// near-miss: SIGCHLD is ignored in main below.
void fireAndForget() { spawnWorker(); }

int main() {
  signal(SIGCHLD, SIG_IGN);
  fireAndForget();
  return 0;
}
