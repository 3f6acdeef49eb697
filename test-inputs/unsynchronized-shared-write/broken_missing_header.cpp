// RUN-MODE: broken
// A missing header: no parlint diagnostic.
#include <no_such_header_for_parlint.h>
#include <thread>
#include <vector>

void racy() {
  long total = 0;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&] { total += i; });
  for (auto &worker : workers)
    worker.join();
}
