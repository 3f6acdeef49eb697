// Fixture projects and real runs of the `parlint` binary for the tool tests.
#pragma once

#include <string>
#include <vector>

namespace parlint::tool::testing {

struct ToolRun {
  int exitCode = -1;
  std::string out; // stdout
  std::string err; // stderr
};

// A copy of test-inputs/tool-projects/<name> in a temporary directory, with
// a compile_commands.json written by writeDatabase (absolute paths).
class Project {
public:
  explicit Project(const std::string &name = "basic");
  ~Project();
  Project(const Project &) = delete;
  Project &operator=(const Project &) = delete;

  const std::string &root() const { return root_; }
  std::string path(const std::string &relative) const { return root_ + "/" + relative; }

  // One entry per source (`sources` relative to the root; empty: every
  // src/*.cpp), each run as "clang++ -std=c++17 -Iinclude -c src/x.cpp" from
  // the root; `duplicate` repeats the first entry (it must be run once).
  void writeDatabase(std::vector<std::string> sources = {}, bool duplicate = true);
  void write(const std::string &relative, const std::string &text) const;
  std::string read(const std::string &relative) const;

  // Runs parlint in the project's root with `args`.
  ToolRun parlint(const std::vector<std::string> &args) const;

private:
  std::string root_;
  std::string tempDir_;
};

std::string readText(const std::string &path);
void writeText(const std::string &path, const std::string &text);
// Lines of `text` containing `needle`.
int countOccurrences(const std::string &text, const std::string &needle);

} // namespace parlint::tool::testing
