// What the reports say about a check: descriptions for SARIF rules and
// --list-checks, and where its documentation lives.
#pragma once

#include <string>
#include <vector>

namespace parlint::tool {

struct CheckInfo {
  std::string name;
  std::string shortDescription;
  std::string fullDescription;
  std::string helpUri; // absolute; empty when there is no page
};

// parlint's own checks, always listed as SARIF rules.
const std::vector<CheckInfo> &parlintChecks();

// Any check: parlint's from the catalog (doc pages under `docsBaseUrl`),
// clang-tidy's with a link to its documentation, compiler diagnostics plain.
CheckInfo describeCheck(const std::string &name, const std::string &docsBaseUrl);

} // namespace parlint::tool
