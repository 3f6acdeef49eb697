// A private temporary directory, removed with its contents by the destructor.
#pragma once

#include <string>

namespace parlint::tool {

class TempDir {
public:
  explicit TempDir(const std::string &tag);
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

} // namespace parlint::tool
