#include "progress.h"

#include "paths.h"

#include <fmt/format.h>

#include <cstdio>

namespace parlint::tool {

Progress::Progress(size_t total, bool enabled)
    : total_(total), enabled_(enabled && total > 0), start_(std::chrono::steady_clock::now()) {}

void Progress::finished(const std::string &file) {
  if (!enabled_)
    return;
  std::lock_guard<std::mutex> lock(mutex_);
  ++done_;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const auto left = static_cast<long>(elapsed / done_ * (total_ - done_) + 0.5);
  std::string name = displayPath(file);
  if (name.size() > 50)
    name = "..." + name.substr(name.size() - 47);
  // \r and "erase to end of line": redraw in place.
  fmt::print(stderr, "\r[{}/{}] {}  {}:{:02} left\x1b[K", done_, total_, name, left / 60, left % 60);
  std::fflush(stderr);
}

void Progress::clear() {
  if (!enabled_)
    return;
  std::lock_guard<std::mutex> lock(mutex_);
  fmt::print(stderr, "\r\x1b[K");
  std::fflush(stderr);
}

} // namespace parlint::tool
