// Rotates logs: gzips the old file with an external program, and saves the
// index in the background.
#include "logscan/logscan.h"

#include <functional>
#include <future>
#include <sys/wait.h>
#include <unistd.h>

namespace logscan {

bool gzipRotated(const std::string &path, bool waitForIt) {
  pid_t gzip = fork();
  if (gzip < 0)
    return false;
  if (gzip == 0) {
    execlp("gzip", "gzip", "-9", path.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  if (!waitForIt)
    return true; // nobody reaps this gzip: one zombie per rotation
  int status = 0;
  waitpid(gzip, &status, 0);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

void flushThenServe(const WordCounts &counts, int client) {
  // Meant to save in the background while the client is served, but the
  // dropped future blocks right here, and a failed save is never noticed.
  std::async(std::launch::async, saveIndex, "index", std::cref(counts));
  handleClient(client);
}

// Correct: the two saves run side by side and a failure reaches the caller.
void savePair(const WordCounts &today, const WordCounts &total) {
  auto first = std::async(std::launch::async, saveIndex, "today", std::cref(today));
  saveIndex("total", total);
  first.get();
}

} // namespace logscan
