// The path-sensitive half of parlint-unjoined-thread: a forward dataflow over
// the function's CFG that tracks whether a local thread handle may still own
// a running thread, and collects the places where it leaves its scope then.
#ifndef PARLINT_CHECKS_THREADJOINFLOW_H
#define PARLINT_CHECKS_THREADJOINFLOW_H

#include "ThreadJoinUses.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

/// Where Var (a std::thread or container of them, whose uses are Uses) can be
/// destroyed while joinable: scope ends, early returns, breaks, and explicit
/// throws that unwind it. Sorted, without duplicates. Each block is visited a
/// bounded number of times (the state only grows), so the cost is linear in
/// the size of the CFG.
llvm::SmallVector<SourceLocation, 4>
findJoinableExits(const CFG &Graph, const VarDecl *Var, const HandleUses &Uses,
                  const SourceManager &Sources);

} // namespace clang::tidy::parlint

#endif
