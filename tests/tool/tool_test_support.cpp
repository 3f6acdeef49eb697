#include "tool_test_support.h"

#include "process.h"

#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/JSON.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <stdlib.h>

namespace fs = std::filesystem;

namespace parlint::tool::testing {

std::string readText(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeText(const std::string &path, const std::string &text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

int countOccurrences(const std::string &text, const std::string &needle) {
  int count = 0;
  for (size_t pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++count;
  return count;
}

Project::Project(const std::string &name) {
  std::string pattern = (fs::temp_directory_path() / "parlint-tool-test-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error("mkdtemp failed");
  tempDir_ = pattern;
  // A real path: the tool reports real paths, the tests compare with these.
  root_ = fs::canonical(tempDir_).string() + "/" + name;
  fs::copy(fs::path(PARLINT_TOOL_PROJECTS) / name, root_, fs::copy_options::recursive);
}

Project::~Project() {
  std::error_code ignored;
  fs::remove_all(tempDir_, ignored);
}

void Project::writeDatabase(std::vector<std::string> sources, bool duplicate) {
  if (sources.empty()) {
    for (const auto &entry : fs::directory_iterator(root_ + "/src"))
      if (entry.path().extension() == ".cpp")
        sources.push_back("src/" + entry.path().filename().string());
    std::sort(sources.begin(), sources.end());
  }
  llvm::json::Array db;
  auto entry = [&](const std::string &source) {
    return llvm::json::Object{
        {"directory", root_},
        {"file", root_ + "/" + source},
        {"arguments", llvm::json::Array{"clang++", "-std=c++17", "-Iinclude", "-c", source, "-o",
                                        source + ".o"}}};
  };
  for (const auto &source : sources)
    db.push_back(entry(source));
  if (duplicate && !sources.empty())
    db.push_back(entry(sources.front()));
  write("compile_commands.json", llvm::formatv("{0:2}", llvm::json::Value(std::move(db))).str());
}

void Project::write(const std::string &relative, const std::string &text) const {
  writeText(path(relative), text);
}

std::string Project::read(const std::string &relative) const { return readText(path(relative)); }

ToolRun Project::parlint(const std::vector<std::string> &args) const {
  ProcessRequest request;
  request.argv = {PARLINT_EXE};
  request.argv.insert(request.argv.end(), args.begin(), args.end());
  request.workingDirectory = root_;
  request.separateStderr = true;
  request.timeoutSeconds = 170;
  const ProcessResult result = runProcess(request);
  ToolRun run;
  run.exitCode = result.signal ? 128 + result.signal : result.exitCode;
  run.out = result.output;
  run.err = result.errors;
  return run;
}

} // namespace parlint::tool::testing
