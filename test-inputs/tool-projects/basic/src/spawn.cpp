// One thread per input line: parlint-unbounded-spawn.
#include "pipeline.h"

#include <string>

void handle(const std::string &line);

void serve(const std::vector<std::string> &lines) {
  std::vector<std::thread> workers;
  for (const auto &line : lines)
    workers.emplace_back(handle, line);
  for (auto &w : workers)
    w.join();
  startConsumer();
}
