// RUN-MODE: broken
#include <thread>
#include <unistd.h>
void work();
void broken() {
  std::thread t(work);
  pid_t pid = fork();
  if (pid == 0)
    undeclared_child_main();
  t.join();
}
