// Reads the YAML clang-tidy writes with --export-fixes: every diagnostic it
// reported for one translation unit, with notes, ranges and replacements.
#pragma once

#include "diagnostic.h"

#include <string>
#include <vector>

namespace parlint::tool {

// Parses `yaml`; relative paths are resolved against each diagnostic's
// BuildDirectory. Returns false (and sets `error`) on malformed input.
bool parseExportedFixes(const std::string &yaml, std::vector<Diagnostic> &out, std::string &error);

} // namespace parlint::tool
