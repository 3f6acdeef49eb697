// Baselines for adopting parlint on a large codebase: record today's findings
// by fingerprint, then report and fail only on findings not in the record.
#pragma once

#include "findings.h"

#include <string>
#include <vector>

namespace parlint::tool {

// Returns an error message, empty on success.
std::string writeBaseline(const std::string &path, const std::vector<Finding> &findings);

// Removes the findings recorded in the baseline file; `suppressed` counts them.
// Returns an error message (unreadable or malformed file), empty on success.
std::string applyBaseline(const std::string &path, std::vector<Finding> &findings,
                          size_t &suppressed);

} // namespace parlint::tool
