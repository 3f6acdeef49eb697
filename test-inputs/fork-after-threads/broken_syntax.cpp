// RUN-MODE: broken
#include <thread>
#include <unistd.h>
void work();
void broken() {
  std::thread t(work);
  if (fork() == 0) {
    printf("child\n")
    _exit(0);
  }
  t.join();
}
