// RUN-MODE: broken
// Invalid code around a fork: no parlint diagnostic, no crash.
#include <unistd.h>

void runChild();

void missingSemicolon() {
  pid_t pid = fork()
  if (pid == 0)
    runChild();
}
