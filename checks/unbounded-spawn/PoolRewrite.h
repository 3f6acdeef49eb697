// parlint-unbounded-spawn's rewrite onto a bounded pool: the fix-its of a
// planned rewrite (analysis/PoolRewritePlan), and, where no rewrite is safe,
// the text of the note that shows the user's own loop on a pool.
#ifndef PARLINT_CHECKS_UNBOUNDEDSPAWN_POOLREWRITE_H
#define PARLINT_CHECKS_UNBOUNDEDSPAWN_POOLREWRITE_H

#include "../analysis/PoolRewritePlan.h"
#include "clang/Basic/Diagnostic.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::parlint {

/// The edits of a planned rewrite onto a pool of type PoolType, or nothing
/// when the text cannot be edited safely (then only the note is given).
std::optional<std::vector<FixItHint>>
poolRewriteFixes(const PoolRewritePlan &Plan, const Launch &Spawn,
                 const FunctionAnalysis &Function, StringRef PoolType);

struct PoolVersion {
  /// "PoolType pool; for (...) { ... pool.post(f, x); ... }", or empty when
  /// the user's code in it would be more than one short line (a note quotes
  /// no more).
  std::string Loop;
  /// The pool's name in it: one the function does not use.
  std::string Pool;
};

/// The loop around a thread or std::async spawn, on a pool, for the note;
/// nothing when the loop counts its own workers or no pool name is free.
std::optional<PoolVersion> poolVersionOfLoop(const SpawnSite &Site,
                                             const Stmt &Loop,
                                             const FunctionAnalysis &Function,
                                             StringRef PoolType);

} // namespace clang::tidy::parlint

#endif
