#include "paths.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace parlint::tool {

std::string realPath(const std::string &path, const std::string &base) {
  llvm::SmallString<256> absolute(path);
  if (!llvm::sys::path::is_absolute(absolute)) {
    llvm::SmallString<256> joined(base.empty() ? currentDirectory() : base);
    llvm::sys::path::append(joined, path);
    absolute = joined;
  }

  static std::mutex mutex;
  static std::map<std::string, std::string> memo;
  const std::string key(absolute.str());
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = memo.find(key); it != memo.end())
      return it->second;
  }
  // Resolve symlinks before "..": clang's paths such as
  // /usr/bin/../lib/gcc/x86_64-linux-gnu/12/../../../../include go through
  // symlinked directories (/lib -> usr/lib), where removing ".." lexically
  // names another file. Only a file that does not exist is cleaned lexically.
  llvm::SmallString<256> real;
  std::string result;
  if (!llvm::sys::fs::real_path(absolute, real)) {
    result = std::string(real.str());
  } else {
    llvm::sys::path::remove_dots(absolute, /*remove_dot_dot=*/true);
    result = std::string(absolute.str());
  }
  std::lock_guard<std::mutex> lock(mutex);
  memo.emplace(key, result);
  return result;
}

std::string relativeInside(const std::string &root, const std::string &path) {
  if (root.empty())
    return "";
  std::string prefix = root;
  if (prefix.back() != '/')
    prefix += '/';
  if (path.compare(0, prefix.size(), prefix) != 0)
    return "";
  return path.substr(prefix.size());
}

std::string currentDirectory() {
  static const std::string cwd = [] {
    llvm::SmallString<256> dir;
    llvm::sys::fs::current_path(dir);
    llvm::SmallString<256> real;
    if (!llvm::sys::fs::real_path(dir, real))
      return std::string(real.str());
    return std::string(dir.str());
  }();
  return cwd;
}

std::string displayPath(const std::string &path) {
  std::string relative = relativeInside(currentDirectory(), path);
  return relative.empty() ? path : relative;
}

std::string readWholeFile(const std::string &path, bool *ok) {
  std::ifstream in(path, std::ios::binary);
  if (ok)
    *ok = static_cast<bool>(in);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string writeFileAtomically(const std::string &path, const std::string &text) {
  std::string temp = path + ".parlint-XXXXXX";
  const int fd = mkstemp(temp.data());
  if (fd < 0)
    return "cannot create a temporary file next to " + path;
  struct stat st {};
  if (stat(path.c_str(), &st) == 0)
    fchmod(fd, st.st_mode & 07777);
  size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = write(fd, text.data() + written, text.size() - written);
    if (n <= 0) {
      close(fd);
      unlink(temp.c_str());
      return "cannot write " + temp;
    }
    written += static_cast<size_t>(n);
  }
  if (fsync(fd) != 0 || close(fd) != 0) {
    unlink(temp.c_str());
    return "cannot flush " + temp;
  }
  if (rename(temp.c_str(), path.c_str()) != 0) {
    unlink(temp.c_str());
    return "cannot replace " + path;
  }
  return "";
}

} // namespace parlint::tool
