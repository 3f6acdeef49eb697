// RUN-MODE: broken
/* An undeclared wait function and an unknown type: no parlint diagnostic. */
#include <unistd.h>

void start(void) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  reap_child_somehow(pid, unknown_flag);
  UnknownType other = fork();
}
