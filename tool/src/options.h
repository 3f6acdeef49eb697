// The command line of `parlint` (see usageText() for the manual).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace parlint::tool {

enum class Format { Text, Json, Sarif, Github };
enum class ColorMode { Auto, Always, Never };

struct Options {
  enum class Mode { Analyze, Help, Version, ListChecks, Merge } mode = Mode::Analyze;

  std::vector<std::string> selectors; // paths or globs (merge: the SARIF files)
  std::string buildDir;               // -p
  // FILE... -- FLAGS: the selectors are files, compiled with these flags
  // (a fixed compilation database, as in clang-tidy) instead of -p's database.
  bool fixedDatabase = false;
  std::vector<std::string> compilerFlags;
  unsigned jobs = 0;                  // 0: the machine's cores
  double timeoutSeconds = 300;
  Format format = Format::Text;
  std::string outputFile;             // -o; empty: stdout
  ColorMode color = ColorMode::Auto;
  std::optional<bool> progress;       // unset: on a terminal only
  bool quiet = false;

  // Passed through to clang-tidy, as --name=value (not --checks).
  std::vector<std::string> tidyOptions;
  std::string checks;         // --checks, appended to the default selection
  bool projectChecks = false; // --project-checks: the project's .clang-tidy chooses

  std::string clangTidy;
  std::string module;
  std::string sourceRoot;
  std::string docsBaseUrl;

  bool fix = false;
  bool fixDryRun = false;
  std::string writeBaseline;
  std::string baseline;
  unsigned shardIndex = 1, shardCount = 1;
  std::string cacheDir;
  bool noCache = false;

  // --fail-on: which outcomes give a non-zero exit code.
  bool failOnFindings = true;
  bool failOnErrorsOnly = false; // only error-level findings count (e.g. --warnings-as-errors)
  bool failOnFailures = true;
};

struct ParsedOptions {
  Options options;
  std::string error; // non-empty: bad usage (exit 3)
};

ParsedOptions parseOptions(int argc, char **argv);
std::string usageText();

} // namespace parlint::tool
