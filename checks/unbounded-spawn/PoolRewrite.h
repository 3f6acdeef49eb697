// parlint-unbounded-spawn's rewrite onto a bounded pool: the fix-its of a
// planned rewrite (analysis/PoolRewritePlan), and, where no rewrite is safe,
// the text of the note that shows the user's own loop on a pool. By default
// the tasks go to a parlint::TaskGroup on the process-wide pool, so the
// rewritten function starts no thread of its own; with the check's PoolType,
// to a pool of that type declared in the function.
#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWN_POOLREWRITE_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWN_POOLREWRITE_H

#include "../analysis/PoolRewritePlan.h"
#include "clang/Basic/Diagnostic.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// What the rewrite hands the tasks to.
struct TaskTarget {
  /// A parlint::TaskGroup on the shared pool, declared under a name of its
  /// own (a thread container's declaration becomes it); else a pool of Type,
  /// which a thread container becomes under the container's name.
  bool Group = true;
  std::string Type;

  /// The call that waits for every task: wait() or wait_idle().
  StringRef waitAll() const;
};

/// The target of a rewrite: a TaskGroup when PoolType is empty.
TaskTarget taskTargetFor(StringRef PoolType);

/// The edits of a planned rewrite onto Target, or nothing when the text
/// cannot be edited safely (then only the note is given).
std::optional<std::vector<FixItHint>>
poolRewriteFixes(const PoolRewritePlan &Plan, const Launch &Spawn,
                 const FunctionAnalysis &Function, const TaskTarget &Target);

struct PoolVersion {
  /// "Type pool; for (...) { ... pool.post(f, x); ... }", or empty when the
  /// user's code in it would be more than one short line (a note quotes no
  /// more).
  std::string Loop;
  /// The group's or pool's name in it: one the function does not use.
  std::string Pool;
};

/// The loop around a thread or std::async spawn, on Target, for the note;
/// nothing when the loop counts its own workers or no name is free.
std::optional<PoolVersion> poolVersionOfLoop(const SpawnSite &Site,
                                             const Stmt &Loop,
                                             const FunctionAnalysis &Function,
                                             const TaskTarget &Target);

} // namespace clang::tidy::parlint

#endif
