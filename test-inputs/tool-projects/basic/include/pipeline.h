// Included by two translation units: its finding must be reported once and
// its fix-it (std::move) applied once.
#pragma once
#include <thread>
#include <utility>
#include <vector>

void consume(std::vector<int> rows);
std::vector<int> load();

inline void startConsumer() {
  std::vector<int> rows = load();
  std::thread worker(consume, rows);
  worker.join();
}
