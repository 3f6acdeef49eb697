// RUN-MODE: broken
// Invalid code: no parlint diagnostic and no crash.
#include <thread>
#include <vector>

void summarize(const std::vector<int> &rows);

void broken() {
  std::vector<int> rows(10)
  std::thread worker(summarize, rows, undeclared);
  worker.join(;
}
