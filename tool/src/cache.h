// The result cache: an unchanged translation unit is not analysed again.
//
// A TU's key hashes
//  - the exact bytes of every file its preprocessing read: the main file and
//    every header, system headers included, as clang itself lists them in the
//    dependency file it writes during the analysis (-dependency-file with
//    -sys-header-deps). With the flags, these inputs determine the
//    preprocessed TU; they are stricter than its text, since whitespace and
//    comments move diagnostics and fix-its. An edit to any header it includes
//    is a miss; a touched but unchanged file is a hit;
//  - its flags and file;
//  - the effective config: every .clang-tidy from its directory up to /
//    (InheritParentConfig), and the tool's pass-through options (--checks,
//    --config, --config-file's content, ...);
//  - the module file's content, the clang-tidy version and parlint's version.
//
// Lookup needs the list of files before analysing, so each TU has a manifest
// (keyed on flags, file, config and tools) naming the files of its last run
// with their content hashes; when they all still match, the entry stored
// under the resulting key is used ("direct mode", as in ccache; like ccache's,
// it cannot see a new header that would now shadow an included one from an
// earlier -I directory). A cold run therefore costs no extra preprocessing:
// the list comes out of the analysis itself.
//
// Entries hold the TU's diagnostics and fix-its with paths relative to the
// source root, are written atomically (tmp + rename) and never modified, so
// concurrent runs and CI runners may share one directory. Failed TUs, and TUs
// whose files changed while they were analysed, are not stored.
//
// The cache also remembers how long each TU took, to schedule the longest first.
#pragma once

#include "cdb.h"
#include "tidy_run.h"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace parlint::tool {

struct CacheSettings {
  std::string directory;
  std::string sourceRoot;
  TidySettings tidy; // module, pass-through options and binary: part of the key
};

class ResultCache {
public:
  explicit ResultCache(CacheSettings settings);

  // The stored result for this TU when its manifest's files are unchanged.
  std::optional<TuResult> lookup(const CompileJob &job);
  // Stores a fresh result (with its dependencies) and the TU's manifest.
  // `startedAt`: when the analysis began (files modified since are not trusted).
  void store(const CompileJob &job, const TuResult &result,
             std::chrono::system_clock::time_point startedAt);

  // Seconds the TU took last time, when known.
  std::optional<double> knownCost(const CompileJob &job);
  void recordCost(const CompileJob &job, double seconds);

private:
  std::string configHash(const std::string &directory);
  std::string contentHash(const std::string &file); // memoized for the run
  std::string manifestId(const CompileJob &job);
  std::string entryPath(const std::string &key) const;
  std::string manifestPath(const std::string &id) const;
  std::string costPath(const CompileJob &job) const;

  CacheSettings settings_;
  std::string staticKey_; // tool, clang-tidy, module, options
  std::mutex mutex_;
  std::map<std::string, std::string> configByDirectory_;
  std::map<std::string, std::string> contentByFile_;
};

// $XDG_CACHE_HOME/parlint, or ~/.cache/parlint.
std::string defaultCacheDirectory();

// The files of a Makefile-style dependency file ("target: a b \ c"), in order.
std::vector<std::string> parseDependencyFile(const std::string &text);

} // namespace parlint::tool
