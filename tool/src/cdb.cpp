#include "cdb.h"

#include "paths.h"
#include "source_language.h"

#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/GlobPattern.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace parlint::tool {

namespace {

bool isGlob(const std::string &s) { return s.find_first_of("*?[") != std::string::npos; }

struct Selector {
  std::string text;
  std::optional<llvm::GlobPattern> glob;
  std::string realTarget; // file or directory, for non-globs
  bool isDirectory = false;
  bool matchedAny = false;

  bool matches(const std::string &file) const {
    if (glob)
      return glob->match(file) || glob->match(displayPath(file));
    if (isDirectory)
      return !relativeInside(realTarget, file).empty();
    return file == realTarget;
  }
};

// Drops duplicate commands, entries that are not C or C++ and sources that do
// not exist, counting each, and sorts what is left.
class JobCollector {
public:
  explicit JobCollector(CompileJobs &result) : result_(result) {}

  void add(CompileJob job) {
    if (!compilesCOrCxx(job.arguments, job.file)) {
      ++result_.otherLanguages;
      return;
    }
    if (!llvm::sys::fs::exists(job.file)) {
      if (missing_.insert(job.file).second)
        result_.missingSources.push_back(job.file);
      return;
    }
    for (const auto &flag : flagsWithoutInputOutput(job.arguments, job.file, job.directory))
      job.flagsKey += flag + '\n';
    // The working directory changes what relative -I paths mean.
    job.flagsKey += "@" + realPath(job.directory);
    if (!seen_.emplace(job.file, job.flagsKey).second) {
      ++result_.duplicatesDropped;
      return;
    }
    result_.jobs.push_back(std::move(job));
  }

  void finish() {
    std::sort(result_.jobs.begin(), result_.jobs.end(), [](const CompileJob &a, const CompileJob &b) {
      return std::tie(a.file, a.flagsKey) < std::tie(b.file, b.flagsKey);
    });
    std::sort(result_.missingSources.begin(), result_.missingSources.end());
  }

private:
  CompileJobs &result_;
  std::set<std::tuple<std::string, std::string>> seen_; // (file, flags)
  std::set<std::string> missing_;
};

} // namespace

std::vector<std::string> flagsWithoutInputOutput(const std::vector<std::string> &arguments,
                                                 const std::string &file,
                                                 const std::string &directory) {
  std::vector<std::string> flags;
  for (size_t i = 1; i < arguments.size(); ++i) {
    const std::string &a = arguments[i];
    if (a == "-o") {
      ++i;
      continue;
    }
    if (a.rfind("-o", 0) == 0 && a.size() > 2 && a[2] != '-')
      continue; // -ofoo.o
    if (!a.empty() && a[0] != '-' && realPath(a, directory) == file)
      continue;
    flags.push_back(a);
  }
  return flags;
}

CompileJobs loadCompileJobs(const std::string &buildDir, const std::vector<std::string> &selectors) {
  CompileJobs result;
  std::string error;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> db;
  const std::string path =
      llvm::sys::fs::is_directory(buildDir) ? buildDir + "/compile_commands.json" : buildDir;
  db = clang::tooling::JSONCompilationDatabase::loadFromFile(
      path, error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!db) {
    result.error = error.empty() ? "cannot read a compilation database in " + buildDir : error;
    return result;
  }

  std::vector<Selector> chosen;
  for (const auto &text : selectors) {
    Selector s;
    s.text = text;
    if (isGlob(text)) {
      auto glob = llvm::GlobPattern::create(text);
      if (!glob) {
        result.error = "invalid glob '" + text + "': " + llvm::toString(glob.takeError());
        return result;
      }
      s.glob = std::move(*glob);
    } else {
      s.realTarget = realPath(text);
      s.isDirectory = llvm::sys::fs::is_directory(s.realTarget);
    }
    chosen.push_back(std::move(s));
  }

  JobCollector collector(result);
  for (const auto &command : db->getAllCompileCommands()) {
    CompileJob job;
    job.file = realPath(command.Filename, command.Directory);
    job.directory = command.Directory;
    job.arguments = command.CommandLine;
    if (!chosen.empty()) {
      bool wanted = false;
      for (auto &s : chosen)
        if (s.matches(job.file)) {
          s.matchedAny = true;
          wanted = true;
        }
      if (!wanted)
        continue;
    }
    collector.add(std::move(job));
  }
  for (const auto &s : chosen)
    if (!s.matchedAny) {
      result.error = "no compile command in " + buildDir + " for '" + s.text + "'";
      return result;
    }
  collector.finish();
  return result;
}

CompileJobs fixedCompileJobs(const std::vector<std::string> &files,
                             const std::vector<std::string> &flags) {
  CompileJobs result;
  JobCollector collector(result);
  const std::string directory = currentDirectory();
  for (const auto &file : files) {
    CompileJob job;
    job.file = realPath(file);
    if (llvm::sys::fs::is_directory(job.file)) {
      result.error = "'" + file + "' is a directory; before '--' give the files to analyse";
      return result;
    }
    if (!llvm::sys::fs::exists(job.file)) {
      result.error = "no such file: " + file;
      return result;
    }
    job.directory = directory;
    // clang-tidy's fixed database runs "clang-tool FLAGS FILE": the driver
    // picks C or C++ by the file's extension, as a plain `clang` would.
    job.arguments = {"clang-tool"};
    job.arguments.insert(job.arguments.end(), flags.begin(), flags.end());
    job.arguments.push_back(job.file);
    collector.add(std::move(job));
  }
  collector.finish();
  return result;
}

} // namespace parlint::tool
