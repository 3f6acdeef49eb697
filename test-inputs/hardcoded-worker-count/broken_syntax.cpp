// RUN-MODE: broken
#include <thread>
#include <vector>
void work(int);
void broken() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back(work, i)
  undeclared_call(threads);
}
