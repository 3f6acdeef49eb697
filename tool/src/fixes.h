// Safe fix-it merging across translation units. Each diagnostic's fix-it is
// a group of replacements that must be applied whole or not at all.
// Identical replacements (the same header fix-it seen from several TUs, or two
// checks proposing the same edit) are applied once; groups that overlap
// differently conflict, and then neither side is applied.
#pragma once

#include "findings.h"
#include "source_files.h"

#include <map>
#include <string>
#include <vector>

namespace parlint::tool {

struct FixConflict {
  std::string file;
  unsigned offset = 0; // where the two edits meet
  std::string firstCheck, secondCheck;
};

struct FixPlan {
  std::map<std::string, std::vector<Replacement>> editsByFile; // sorted, non-overlapping
  std::vector<FixConflict> conflicts;
  size_t groupsApplied = 0;
  size_t groupsInConflict = 0;
  size_t identicalDropped = 0; // replacements already present in another group
};

FixPlan planFixes(const std::vector<Finding> &findings);

// `content` with `edits` (sorted by offset, non-overlapping) applied.
std::string applyEdits(const std::string &content, const std::vector<Replacement> &edits);

// Writes every edited file atomically. Returns error messages (empty: all written).
std::vector<std::string> writeFixedFiles(const FixPlan &plan, SourceFiles &sources);

// A unified diff of the plan (`diff -u`, paths relative to `sourceRoot`).
std::string unifiedDiff(const FixPlan &plan, SourceFiles &sources, const std::string &sourceRoot);

} // namespace parlint::tool
