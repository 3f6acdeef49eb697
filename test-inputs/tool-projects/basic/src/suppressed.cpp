// A finding suppressed with NOLINT: parlint keeps clang-tidy's semantics.
#include <thread>
#include <vector>

void work(int item);

void spawnAll(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  for (int item : items)
    threads.emplace_back(work, item); // NOLINT(parlint-unbounded-spawn)
  for (auto &t : threads)
    t.join();
}
