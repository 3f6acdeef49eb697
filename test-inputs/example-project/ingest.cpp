// Reads every input file and counts words, one thread per file.
#include "logscan/log_batch.h"

#include <mutex>
#include <thread>
#include <vector>

namespace logscan {

static void countInto(std::vector<std::string> lines, WordCounts *out, std::mutex *lock) {
  WordCounts local = countWords(lines);
  std::lock_guard<std::mutex> guard(*lock);
  for (const auto &[word, n] : local)
    (*out)[word] += n;
}

WordCounts ingestAll(const std::vector<std::string> &paths) {
  WordCounts total;
  std::mutex lock;
  std::vector<std::thread> workers;
  for (const std::string &path : paths) {
    LogBatch batch = readBatch(path);
    // A thread per input file: ten thousand files, ten thousand threads.
    workers.emplace_back(countInto, batch.lines, &total, &lock);
  }
  for (auto &worker : workers)
    worker.join();
  return total;
}

// Correct: a fixed number of workers sized to the machine.
WordCounts ingestBounded(const std::vector<std::string> &paths) {
  WordCounts total;
  std::mutex lock;
  const unsigned workerCount = std::thread::hardware_concurrency();
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < workerCount; ++w)
    workers.emplace_back([&, w] {
      for (size_t i = w; i < paths.size(); i += workerCount) {
        WordCounts local = countWords(readBatch(paths[i]).lines);
        std::lock_guard<std::mutex> guard(lock);
        for (const auto &[word, n] : local)
          total[word] += n;
      }
    });
  for (auto &worker : workers)
    worker.join();
  return total;
}

} // namespace logscan
