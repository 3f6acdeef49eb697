// Which checks a run passes to clang-tidy as --checks, per directory.
//
// parlint runs parlint's checks, whatever else the project's .clang-tidy
// enables (a project with `Checks: '*'` must not make `parlint` a run of
// every clang-tidy check). The configuration still applies otherwise
// (CheckOptions, NOLINT, the header filter), and where it names parlint's
// checks it decides which of them run:
//
//   configuration never names parlint-   -> --checks=-*,parlint-*
//   it names some (parlint-x, -parlint-*) -> --checks=-*,parlint-* then
//                                            -parlint-<c> for each check c
//                                            it does not enable
//   the user's --checks                   -> appended to that
//
// With --project-checks the project's configuration chooses, as in
// clang-tidy, and parlint's checks are added where it never names them:
//
//   no configuration applies              -> --checks=-*,parlint-*
//   it never names parlint-               -> --checks=parlint-* (appended)
//   it names parlint- checks              -> nothing: it decides
//   the user's --checks                   -> only that, as clang-tidy does
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace parlint::tidyoptions {
class ConfiguredChecks;
}

namespace parlint::tool {

enum class CheckSelection { Parlint, Project };

struct ChecksChoice {
  std::string checks;       // the --checks value; empty: pass none
  bool runsNothing = false; // the configuration turns every parlint check off
};

class DefaultChecks {
public:
  // `userChecks`: the value of --checks ("" when not given). `config`,
  // `configFile`: the values of --config and --config-file, if given.
  DefaultChecks(CheckSelection selection, std::string userChecks,
                const std::optional<std::string> &config,
                const std::optional<std::string> &configFile);
  ~DefaultChecks();

  // For the files of `directory`. Thread-safe, computed once per directory.
  ChecksChoice forDirectory(const std::string &directory);

private:
  ChecksChoice decide(const std::string &directory);

  CheckSelection selection_;
  std::string userChecks_;
  std::unique_ptr<tidyoptions::ConfiguredChecks> configured_;
  std::mutex mutex_;
  std::map<std::string, ChecksChoice> byDirectory_;
};

} // namespace parlint::tool
