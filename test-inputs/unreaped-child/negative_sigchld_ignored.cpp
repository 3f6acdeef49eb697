// near-miss: the translation unit ignores SIGCHLD, so the kernel reaps
// children by itself and none becomes a zombie. Forks before and after the
// signal() call stay silent.
#include <csignal>
#include <unistd.h>

void runChild();

// near-miss: SIGCHLD is ignored in main below.
void fireAndForget() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
}

int main() {
  signal(SIGCHLD, SIG_IGN);
  fireAndForget();
  return 0;
}
