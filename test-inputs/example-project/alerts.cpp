// Counts server errors (5xx) in the spool, one task per batch file;
// std::launch::async gives each task a thread of its own.
#include "logscan/logscan.h"

#include <future>
#include <vector>

namespace logscan {

static long scanFile(const std::string &path) { return countServerErrors(readLines(path)); }

long countAlerts(const std::vector<std::string> &paths) {
  std::vector<std::future<long>> scans;
  for (const std::string &path : paths)
    scans.push_back(std::async(std::launch::async, scanFile, path));
  long alerts = 0;
  for (std::future<long> &scan : scans)
    alerts += scan.get();
  return alerts;
}

} // namespace logscan
