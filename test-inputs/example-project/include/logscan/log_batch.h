// logscan: a small log indexer used as parlint's example project. It has the
// concurrency mistakes parlint exists to find, next to code that is correct.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace logscan {

struct LogBatch {
  std::string source;
  std::vector<std::string> lines;
};

using WordCounts = std::map<std::string, long>;

WordCounts countWords(const std::vector<std::string> &lines);
LogBatch readBatch(const std::string &path);
void publish(const std::string &name, const WordCounts &counts);
void handleClient(int socket);

} // namespace logscan
