#include "temp_dir.h"

#include <filesystem>
#include <stdexcept>

#include <stdlib.h>

namespace parlint::tool {

TempDir::TempDir(const std::string &tag) {
  std::string pattern =
      (std::filesystem::temp_directory_path() / ("parlint-" + tag + "-XXXXXX")).string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error("cannot create a temporary directory in " +
                             std::filesystem::temp_directory_path().string());
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

} // namespace parlint::tool
