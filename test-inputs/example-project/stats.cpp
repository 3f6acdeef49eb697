// Summarizes the batches: how many lines, how many errors, in two halves at once.
#include "logscan/logscan.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace logscan {

struct Summary {
  long lines = 0;
  long errors = 0;
};

Summary summarizeBatches(const std::vector<LogBatch> &batches) {
  Summary summary;
  WordCounts levels;
  auto countRange = [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      // Both halves add into the same summary and the same map: a data race.
      summary.lines += static_cast<long>(batches[i].lines.size());
      for (const std::string &line : batches[i].lines)
        if (line.rfind("ERROR", 0) == 0)
          levels["error"]++;
    }
  };
  const size_t half = batches.size() / 2;
  std::thread first(countRange, 0, half);
  std::thread second(countRange, half, batches.size());
  first.join();
  second.join();
  summary.errors = levels["error"];
  return summary;
}

// Correct: each worker counts into a slot of its own; the slots are added up
// after every worker has been joined.
Summary summarizeBatchesBySlot(const std::vector<LogBatch> &batches) {
  const unsigned workerCount = std::max(1u, std::thread::hardware_concurrency());
  std::vector<Summary> partial(workerCount);
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < workerCount; ++w)
    workers.emplace_back([&, w] {
      for (size_t i = w; i < batches.size(); i += workerCount)
        for (const std::string &line : batches[i].lines) {
          partial[w].lines++;
          if (line.rfind("ERROR", 0) == 0)
            partial[w].errors++;
        }
    });
  for (auto &worker : workers)
    worker.join();
  Summary total;
  for (const Summary &part : partial) {
    total.lines += part.lines;
    total.errors += part.errors;
  }
  return total;
}

} // namespace logscan
