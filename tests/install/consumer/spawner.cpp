// One thread per element of the input: parlint-unbounded-spawn reports the
// emplace_back when the consumer is built with parlint's checks.
#include <thread>
#include <vector>

void handle(int item);

void handleAll(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  for (int item : items)
    workers.emplace_back(handle, item);
  for (auto &worker : workers)
    worker.join();
}
