// Publishes a report in the background while the index is being built.
#include "logscan/log_batch.h"

#include <thread>

namespace logscan {

bool writeReport(const WordCounts &counts, bool dryRun) {
  std::thread uploader(publish, "summary", std::cref(counts));
  if (dryRun)
    return false; // the uploader is still joinable here: std::terminate
  uploader.join();
  return true;
}

void archive(const std::string &name) {
  WordCounts snapshot = countWords(readBatch(name).lines);
  // The whole map is copied into the thread although nobody uses it afterwards.
  std::thread archiver(publish, name, snapshot);
  archiver.join();
}

} // namespace logscan
