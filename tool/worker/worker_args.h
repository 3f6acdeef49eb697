// The worker's command line: clang-tidy's own, as parlint's driver writes it
// (tool/src/tidy_run.cpp), after the worker's own options:
//   parlint-worker --clang-tidy=PATH --load=MODULE [--in-process-only]
//                  <clang-tidy arguments>
// The in-process path understands the clang-tidy options the driver passes
// through; with anything else the worker hands the run to clang-tidy.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace parlint::worker {

struct WorkerArgs {
  std::string clangTidy; // run this instead when not analysing in-process
  std::string module;    // libparlint-tidy.so, for that clang-tidy run
  std::vector<std::string> tidyArgs; // clang-tidy's arguments, as given

  std::optional<std::string> checks, config, configFile, headerFilter, excludeHeaderFilter,
      warningsAsErrors, lineFilter;
  std::vector<std::string> extraArgs, extraArgsBefore;
  bool systemHeaders = false;
  bool quiet = false;
  std::string exportFixes;
  std::string buildPath;
  std::vector<std::string> files;

  bool version = false;
  // For tests: fail (exit 4) instead of handing the run to clang-tidy, so a
  // test comparing the two cannot pass by comparing clang-tidy with itself.
  bool inProcessOnly = false;
  bool understood = true; // every argument is one the in-process path handles
};

WorkerArgs parseWorkerArgs(const std::vector<std::string> &argv);

} // namespace parlint::worker
