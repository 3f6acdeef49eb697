// One translation unit through clang-tidy-19 in a worker process, so a crash
// or hang of the analysis costs that TU only. The process is parlint-worker
// when there is one: clang-tidy's library in-process when only parlint's
// checks are enabled, clang-tidy-19 itself otherwise (tool/worker). clang-tidy itself resolves
// .clang-tidy files (InheritParentConfig), CheckOptions, NOLINT*,
// --header-filter and --warnings-as-errors: the tool passes the user's options
// through untouched and reads back the exported diagnostics.
#pragma once

#include "cdb.h"
#include "default_checks.h"
#include "diagnostic.h"

#include <memory>
#include <string>
#include <vector>

namespace parlint::tool {

struct TidySettings {
  std::string clangTidy;                // the clang-tidy-19 binary
  std::string module;                   // libparlint-tidy.so
  std::string worker;                   // parlint-worker; empty: run clangTidy directly
  std::vector<std::string> passThrough; // --config=..., --header-filter=..., ... (not --checks)
  std::shared_ptr<DefaultChecks> checks; // the --checks of each directory (default_checks.h)
  std::string checksKey;                // what decides them besides the configuration (cache key)
  double timeoutSeconds = 300;
};

enum class TuStatus { Ok, CompileError, Crashed, TimedOut, ToolFailed };
const char *tuStatusText(TuStatus status);

struct TuResult {
  TuStatus status = TuStatus::Ok;
  std::vector<Diagnostic> diagnostics;
  double seconds = 0;   // analysis wall time (from the cache: the original run's)
  bool fromCache = false;
  std::string command;  // what to run to reproduce
  std::string detail;   // the end of clang-tidy's output when it failed
  std::vector<std::string> dependencies; // files the TU read (with listDependencies)

  bool failed() const { return status != TuStatus::Ok; }
};

// clang-tidy's arguments shared by every run: the module, the checks for
// files in `directory`, and the pass-through options.
std::vector<std::string> commonTidyArguments(const TidySettings &settings,
                                             const std::string &directory);

// `listDependencies`: also have clang write the list of every file the TU
// read, system headers included (for the result cache's key).
TuResult runTidy(const CompileJob &job, const TidySettings &settings, bool listDependencies);

} // namespace parlint::tool
