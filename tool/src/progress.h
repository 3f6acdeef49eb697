// "[37/212] src/file.cpp  0:41 left" on stderr, redrawn in place, only when
// stderr is a terminal: CI logs stay clean.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

namespace parlint::tool {

class Progress {
public:
  Progress(size_t total, bool enabled);
  void finished(const std::string &file); // one more TU done
  void clear();                           // erase the line (before the report)

private:
  std::mutex mutex_;
  size_t total_, done_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

} // namespace parlint::tool
