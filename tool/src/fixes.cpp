#include "fixes.h"

#include "paths.h"
#include "process.h"
#include "temp_dir.h"

#include <algorithm>
#include <set>

namespace parlint::tool {

namespace {

struct Group {
  std::string check;
  std::vector<Replacement> edits;
};

struct Edit {
  const Replacement *replacement;
  size_t group;
};

unsigned endOf(const Replacement &r) { return r.offset + r.length; }

// Two different replacements in one file collide when their ranges overlap,
// or when both start at the same offset and one inserts there (which text
// comes first would be a guess).
bool collide(const Replacement &a, const Replacement &b) {
  if (a.offset == b.offset)
    return true;
  return a.offset < endOf(b) && b.offset < endOf(a);
}

} // namespace

FixPlan planFixes(const std::vector<Finding> &findings) {
  FixPlan plan;
  std::vector<Group> groups;
  std::set<std::vector<Replacement>> seenGroups;
  for (const auto &f : findings) {
    if (f.diag.main.fix.empty() || f.diag.isCompileError())
      continue;
    if (!seenGroups.insert(f.diag.main.fix).second) {
      plan.identicalDropped += f.diag.main.fix.size();
      continue; // the very same fix-it from another check
    }
    groups.push_back({f.diag.check, f.diag.main.fix});
  }

  std::vector<Edit> edits;
  for (size_t g = 0; g < groups.size(); ++g)
    for (const auto &r : groups[g].edits)
      edits.push_back({&r, g});
  std::sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) {
    return std::tie(a.replacement->file, a.replacement->offset, a.group) <
           std::tie(b.replacement->file, b.replacement->offset, b.group);
  });

  // Sweep each file in offset order; compare an edit with the later ones that
  // start before it ends.
  std::vector<bool> conflicted(groups.size(), false);
  for (size_t i = 0; i < edits.size(); ++i) {
    const Replacement &a = *edits[i].replacement;
    for (size_t j = i + 1; j < edits.size(); ++j) {
      const Replacement &b = *edits[j].replacement;
      if (b.file != a.file || b.offset > endOf(a) || (b.offset == endOf(a) && a.length > 0))
        break;
      if (edits[i].group == edits[j].group || a == b || !collide(a, b))
        continue;
      conflicted[edits[i].group] = conflicted[edits[j].group] = true;
      plan.conflicts.push_back(
          {a.file, b.offset, groups[edits[i].group].check, groups[edits[j].group].check});
    }
  }

  for (size_t g = 0; g < groups.size(); ++g) {
    if (conflicted[g]) {
      ++plan.groupsInConflict;
      continue;
    }
    ++plan.groupsApplied;
    for (const auto &r : groups[g].edits)
      plan.editsByFile[r.file].push_back(r);
  }
  for (auto &[file, list] : plan.editsByFile) {
    std::sort(list.begin(), list.end());
    const size_t before = list.size();
    list.erase(std::unique(list.begin(), list.end()), list.end());
    plan.identicalDropped += before - list.size();
  }
  return plan;
}

std::string applyEdits(const std::string &content, const std::vector<Replacement> &edits) {
  std::string out;
  unsigned cursor = 0;
  for (const auto &r : edits) {
    if (r.offset < cursor || endOf(r) > content.size())
      continue; // cannot happen for a plan; never corrupt a file if it does
    out.append(content, cursor, r.offset - cursor);
    out += r.text;
    cursor = endOf(r);
  }
  out.append(content, cursor, std::string::npos);
  return out;
}

std::vector<std::string> writeFixedFiles(const FixPlan &plan, SourceFiles &sources) {
  std::vector<std::string> errors;
  for (const auto &[file, edits] : plan.editsByFile) {
    if (!sources.exists(file)) {
      errors.push_back("cannot read " + file);
      continue;
    }
    const std::string error = writeFileAtomically(file, applyEdits(sources.content(file), edits));
    if (!error.empty())
      errors.push_back(error);
  }
  return errors;
}

std::string unifiedDiff(const FixPlan &plan, SourceFiles &sources, const std::string &sourceRoot) {
  std::string out;
  TempDir dir("diff");
  for (const auto &[file, edits] : plan.editsByFile) {
    const std::string fixedPath = dir.path() + "/fixed";
    const std::string error =
        writeFileAtomically(fixedPath, applyEdits(sources.content(file), edits));
    if (!error.empty())
      continue;
    const std::string shown = rootRelativePath(file, sourceRoot);
    ProcessRequest request;
    request.argv = {"diff", "-u", "--label", "a/" + shown, "--label", "b/" + shown, file, fixedPath};
    request.stdoutOnly = true;
    out += runProcess(request).output;
  }
  return out;
}

} // namespace parlint::tool
