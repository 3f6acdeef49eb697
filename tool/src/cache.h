// The result cache: an unchanged translation unit is not analysed again.
//
// The key of a TU hashes
//  - its preprocessed text (clang++-19 -E with the TU's flags), and the exact
//    bytes of every file that text came from (the line markers name them:
//    whitespace and comments move diagnostics and fix-its), so an edit to any
//    header it includes is a miss, and a touched-but-unchanged file a hit;
//  - its flags (some change meaning without changing the preprocessed text);
//  - every .clang-tidy from its directory up to / (the effective config, with
//    InheritParentConfig), and the tool's pass-through options (--checks,
//    --config, --config-file's content, ...);
//  - the module file's content, the clang-tidy version and parlint's version.
// The preprocessor runs only when a TU's manifest no longer matches ("direct
// mode", as in ccache): the manifest of a TU lists the files its last
// preprocessed text came from with their content hashes, and while they are
// unchanged the key is unchanged. Like ccache's direct mode, it cannot see a
// new header that would now shadow an included one from an earlier -I path.
//
// Entries hold the TU's diagnostics and fixes with paths relative to the
// source root, are written atomically (tmp + rename), and never modified, so
// concurrent runs and runners may share one directory.
//
// The cache also remembers how long each TU took, to schedule the longest first.
#pragma once

#include "cdb.h"
#include "tidy_run.h"

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace parlint::tool {

struct CacheSettings {
  std::string directory;
  std::string sourceRoot;
  std::string clangxx;  // preprocesses the TU for the key
  TidySettings tidy;    // module, pass-through options and binary: part of the key
};

class ResultCache {
public:
  explicit ResultCache(CacheSettings settings);

  // The TU's key, or nullopt when it cannot be preprocessed (then it is
  // simply analysed, uncached).
  std::optional<std::string> keyFor(const CompileJob &job);
  std::optional<TuResult> load(const std::string &key);
  void store(const std::string &key, const TuResult &result);

  // Seconds the TU took last time, when known.
  std::optional<double> knownCost(const CompileJob &job);
  void recordCost(const CompileJob &job, double seconds);

private:
  std::string configHash(const std::string &directory);
  std::string contentHash(const std::string &file); // memoized for the run
  std::string manifestPath(const CompileJob &job);
  std::optional<std::string> keyFromManifest(const std::string &path, const CompileJob &job);
  std::string entryPath(const std::string &key) const;
  std::string costPath(const CompileJob &job) const;

  CacheSettings settings_;
  std::string staticKey_; // tool, clang-tidy, module, options
  std::mutex mutex_;
  std::map<std::string, std::string> configByDirectory_;
  std::map<std::string, std::string> contentByFile_;
};

// $XDG_CACHE_HOME/parlint, or ~/.cache/parlint.
std::string defaultCacheDirectory();

} // namespace parlint::tool
