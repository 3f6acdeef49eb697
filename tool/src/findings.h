// From per-TU diagnostics to the run's findings: every diagnostic once (a
// header diagnostic reported by several TUs is one finding), in a stable order,
// each with a fingerprint that survives unrelated edits.
#pragma once

#include "diagnostic.h"
#include "source_files.h"

#include <string>
#include <vector>

namespace parlint::tool {

struct Finding {
  Diagnostic diag;
  std::string path;        // relative to the source root when inside it, else absolute
  std::string fingerprint; // see fingerprintFindings
};

// Sorted by file, offset, check, message; duplicates (same real path, offset,
// check and message) removed. Deterministic whatever order TUs finished in.
std::vector<Diagnostic> uniqueDiagnostics(std::vector<Diagnostic> all);

// A fingerprint hashes the path, the check, the message, the text of the
// reported line with whitespace removed, and the index of this finding among
// those with the same four values. Inserting lines above leaves it unchanged;
// editing the reported line changes it.
std::vector<Finding> fingerprintFindings(std::vector<Diagnostic> unique, SourceFiles &sources,
                                         const std::string &sourceRoot);

// The path a report shows for `file`: relative to `sourceRoot` when inside it.
std::string rootRelativePath(const std::string &file, const std::string &sourceRoot);

} // namespace parlint::tool
