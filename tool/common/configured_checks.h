// The Checks of the clang-tidy configuration that applies to a file, merged
// exactly as clang-tidy merges them (its defaults, then the .clang-tidy files
// with InheritParentConfig, or --config / --config-file), without the command
// line's --checks. The driver decides from it which of parlint's checks run.
// Plain standard types here: the driver is compiled with RTTI, clang-tidy's
// library without.
#pragma once

#include <memory>
#include <optional>
#include <string>

namespace parlint::tidyoptions {

class ConfiguredChecks {
public:
  // `config`: the text of --config; `configFile`: the path of --config-file.
  ConfiguredChecks(const std::optional<std::string> &config,
                   const std::optional<std::string> &configFile);
  ~ConfiguredChecks();
  ConfiguredChecks(const ConfiguredChecks &) = delete;
  ConfiguredChecks &operator=(const ConfiguredChecks &) = delete;

  struct Result {
    std::string checks;           // clang-tidy's merged Checks for the file
    bool fromConfiguration = false; // a .clang-tidy file or --config(-file) contributed
  };
  // Thread-safe. A configuration that does not parse gives clang-tidy's
  // defaults (the run's preflight reports the configuration).
  Result forFile(const std::string &file);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// clang-tidy's glob lists ("-*,parlint-*", commas or newlines, '*' the only
// wildcard, a leading '-' excludes): whether `globs` enables `check` (the
// last matching glob decides).
bool globsEnable(const std::string &globs, const std::string &check);
// Whether some glob of `globs`, without its '-', starts with `prefix`.
bool globsName(const std::string &globs, const std::string &prefix);

} // namespace parlint::tidyoptions
