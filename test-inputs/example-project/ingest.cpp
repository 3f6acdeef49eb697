// Builds the index of the spool, one thread per batch file: four thousand
// files, four thousand threads.
#include "logscan/logscan.h"

#include <mutex>
#include <thread>
#include <vector>

namespace logscan {

static void indexFile(const std::string &path, WordCounts *index, std::mutex *lock) {
  const WordCounts counts = countWords(readLines(path));
  std::lock_guard<std::mutex> guard(*lock);
  for (const auto &[word, n] : counts)
    (*index)[word] += n;
}

WordCounts ingestAll(const std::vector<std::string> &paths) {
  WordCounts index;
  std::mutex lock;
  std::vector<std::thread> workers;
  for (const std::string &path : paths)
    workers.emplace_back(indexFile, path, &index, &lock);
  for (std::thread &worker : workers)
    worker.join();
  return index;
}

} // namespace logscan
