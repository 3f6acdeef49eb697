#include "cdb.h"

#include "paths.h"

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

  std::set<std::tuple<std::string, std::string>> seen; // (file, flags)
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
    for (const auto &flag : flagsWithoutInputOutput(job.arguments, job.file, job.directory))
      job.flagsKey += flag + '\n';
    // The working directory changes what relative -I paths mean.
    job.flagsKey += "@" + realPath(job.directory);
    if (!seen.emplace(job.file, job.flagsKey).second) {
      ++result.duplicatesDropped;
      continue;
    }
    result.jobs.push_back(std::move(job));
  }
  for (const auto &s : chosen)
    if (!s.matchedAny) {
      result.error = "no compile command in " + buildDir + " for '" + s.text + "'";
      return result;
    }
  std::sort(result.jobs.begin(), result.jobs.end(), [](const CompileJob &a, const CompileJob &b) {
    return std::tie(a.file, a.flagsKey) < std::tie(b.file, b.flagsKey);
  });
  return result;
}

} // namespace parlint::tool
