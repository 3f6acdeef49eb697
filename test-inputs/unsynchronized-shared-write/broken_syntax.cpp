// RUN-MODE: broken
// A syntax error in the translation unit: no parlint diagnostic.
#include <thread>
#include <vector>

void racy() {
  long total = 0;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&] { total += i });
  for (auto &worker : workers)
    worker.join();
}
