// The text of the files diagnostics point into, read once per run, with the
// offset -> line/column mapping clang uses (1-based, columns in bytes).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace parlint::tool {

struct Position {
  unsigned line = 0;            // 1-based; 0 when unknown
  unsigned column = 0;          // 1-based, in bytes (clang's columns)
  unsigned codePointColumn = 0; // 1-based, in Unicode code points (SARIF's columnKind)
};

class SourceFiles {
public:
  // Thread-safe; files are read on first use and never re-read.
  Position position(const std::string &file, unsigned offset);
  std::string lineText(const std::string &file, unsigned line); // without the newline
  const std::string &content(const std::string &file);
  bool exists(const std::string &file);

private:
  struct File {
    bool exists = false;
    std::string text;
    std::vector<unsigned> lineStarts;
  };
  const File &load(const std::string &file);

  std::mutex mutex_;
  std::unordered_map<std::string, std::unique_ptr<File>> files_;
};

} // namespace parlint::tool
