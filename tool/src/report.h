// The report formats. Every writer takes the same deduplicated, sorted,
// fingerprinted findings and is deterministic: the output depends on the
// findings only, never on scheduling, timing or the cache.
#pragma once

#include "findings.h"
#include "source_files.h"
#include "tidy_run.h"

#include <string>
#include <vector>

namespace parlint::tool {

struct Failure {
  std::string file; // real path of the translation unit
  TuStatus status = TuStatus::Ok;
  std::string command;
  std::string detail;
};

struct ReportInput {
  const std::vector<Finding> &findings;
  const std::vector<Failure> &failures;
  SourceFiles &sources;
  std::string sourceRoot;  // %SRCROOT% of SARIF, root of relative paths
  std::string docsBaseUrl; // where docs/checks/<check>.md pages live
};

// clang-like text with source lines and carets, grouped by file, then one
// line per check with its count. `color`: ANSI colours (a terminal).
std::string textReport(const ReportInput &in, bool color);
// The failed translation units with their commands (for stderr).
std::string textFailures(const ReportInput &in, bool color);

// A JSON array, one object per diagnostic (one per line).
std::string jsonReport(const ReportInput &in);

// SARIF 2.1.0, one run.
std::string sarifReport(const ReportInput &in);

// GitHub Actions workflow commands: ::warning file=...,line=...::message
std::string githubReport(const ReportInput &in);

} // namespace parlint::tool
