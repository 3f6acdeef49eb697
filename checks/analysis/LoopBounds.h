// Decides whether a loop's trip count grows with the program's input. The analysis is local and syntactic: it reads the
// loop header, follows local variables to their initializers, and never
// guesses: what it cannot classify counts as bounded (the check stays silent).
#ifndef PARLINT_CHECKS_ANALYSIS_LOOPBOUNDS_H
#define PARLINT_CHECKS_ANALYSIS_LOOPBOUNDS_H

#include "../common/AnalysisCache.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::parlint {

enum class LoopKind {
  Bounded,            // small constant, worker count, hardware_concurrency
  RangeOverContainer, // for (x : container)
  ContainerSize,      // i < v.size(), while (!q.empty())
  IteratorRange,      // it != v.end()
  InputCondition,     // while (accept(...)), while (getline(...)), q.pop()
  InputBody,          // while (flag) { fd = accept(...); ... }
  Infinite,           // while (true), for (;;)
  LargeConstant,      // constant trip count above MaxConstantTripCount
};

struct LoopVerdict {
  LoopKind Kind = LoopKind::Bounded;
  int64_t Trips = 0; // for LargeConstant
};

/// Classifies a for, while, do or range-for loop. `Grown` is the container
/// the spawn stores its thread into, if any: `threads.size() < n` counts that
/// container's growth, not the input, so its size is the loop's counter.
LoopVerdict classifyLoop(const Stmt &Loop, const ValueDecl *Grown,
                         unsigned MaxConstantTripCount, ASTContext &Ctx);

/// A counted loop whose start and limit are both compile-time constants:
/// `for (int i = 0; i < 8; ++i)`, `while (started < 6)` with `started`
/// initialized to a constant, `while (threads.size() < 4)` (Grown's size
/// counts from 0).
struct ConstantBound {
  /// The expression the counter is compared with (`8`), and the counter's
  /// start (`0`), null for a container's size.
  const Expr *Limit = nullptr;
  const Expr *Start = nullptr;
  int64_t Trips = 0;
  /// The loop counts up from 0 to Limit exclusive (`<` or `!=`): Limit's
  /// value is the trip count, and replacing Limit changes only the count.
  bool CountsUpFromZero = false;
};

/// The constant bound of a counted for, while or do loop, if it has one.
std::optional<ConstantBound> constantLoopBound(const Stmt &Loop,
                                               const ValueDecl *Grown,
                                               ASTContext &Ctx);

/// The body of a for, while, do or range-for loop, or null.
const Stmt *loopBody(const Stmt &Loop);

/// Whether Child, a direct child of Loop, is evaluated on every iteration:
/// the body and the condition, not a for-init or a range-for's range.
bool runsEachIteration(const Stmt &Loop, const Stmt *Child);

/// The innermost loop of Function's body that runs S on each of its
/// iterations (its body or condition, not a for-init), or null. The search
/// stops at a lambda around S: a lambda's code runs when it is called.
const Stmt *enclosingLoop(const Stmt &S, const FunctionAnalysis &Function);

/// Whether the loop's body can leave it before its bound is reached: a
/// `break` of this loop, a `return`, a `goto` or a `throw` (a retry loop
/// rather than a count).
bool leavesEarly(const Stmt &Loop);

/// Whether the call reads input: accept, recv, read, getline, a stream
/// extraction, a queue pop.
bool isInputRead(const Stmt &S);

} // namespace clang::tidy::parlint

#endif
