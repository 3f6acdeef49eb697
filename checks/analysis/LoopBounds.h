// Decides whether a loop's trip count grows with the program's input. The analysis is local and syntactic: it reads the
// loop header, follows local variables to their initializers, and never
// guesses: what it cannot classify counts as bounded (the check stays silent).
#ifndef PARLINT_CHECKS_ANALYSIS_LOOPBOUNDS_H
#define PARLINT_CHECKS_ANALYSIS_LOOPBOUNDS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"
#include <cstdint>

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

/// Whether the call reads input: accept, recv, read, getline, a stream
/// extraction, a queue pop.
bool isInputRead(const Stmt &S);

} // namespace clang::tidy::parlint

#endif
