// SARIF 2.1.0 for code scanning. One run; results sorted by location, rules
// sorted by id. Writing a run and merging shard runs go through the same
// assembly, so merging the shards' files gives exactly the unsharded file.
#pragma once

#include <llvm/Support/JSON.h>

#include <string>
#include <vector>

namespace parlint::tool {

struct SarifParts {
  llvm::json::Object driver;                 // without "rules"
  std::vector<llvm::json::Object> rules;     // any order; deduplicated by id
  std::vector<llvm::json::Value> results;    // any order; identical results kept once
  std::vector<llvm::json::Value> notifications;
  llvm::json::Object originalUriBaseIds;
  bool executionSuccessful = true;
};

// The SARIF document (pretty-printed, ending in a newline).
std::string assembleSarif(SarifParts parts);

// Reads the parts back from a document written by assembleSarif.
bool readSarifParts(const std::string &text, SarifParts &parts, std::string &error);

// `parlint merge`: combines shard runs. Returns the exit code.
int mergeSarifFiles(const std::vector<std::string> &files);

} // namespace parlint::tool
