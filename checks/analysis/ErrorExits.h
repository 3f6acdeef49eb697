// The CFG edges a function takes only on an error: the arm of a test that
// an allocation returned null (`p = malloc(n); if (!p) return -1;`). A fact
// that holds "on every path" of a function (a write, a start) still holds
// when such an arm skips it: the program does not normally go there, and a
// helper that writes or starts a thread after checking its allocation does
// so on every call that matters.
#ifndef PARLINT_CHECKS_ANALYSIS_ERROREXITS_H
#define PARLINT_CHECKS_ANALYSIS_ERROREXITS_H

#include "../common/AnalysisCache.h"

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::parlint {

/// The successor of Block that its terminator takes when a pointer the
/// function got from an allocation (model/Allocation) is null; null when
/// Block tests nothing of the kind.
const CFGBlock *allocationFailureArm(const CFGBlock &Block,
                                     const FunctionAnalysis &Body);

/// The successor of Block that its terminator takes when the pointer
/// IsTested accepts is null (`if (!p)`, `if (p == NULL)`, `if (p != NULL)`'s
/// other arm); null when Block tests nothing of the kind.
const CFGBlock *nullArm(const CFGBlock &Block, const FunctionAnalysis &Body,
                        llvm::function_ref<bool(const Expr *)> IsTested);
/// nullArm for a test of the local Var itself.
const CFGBlock *nullArmOf(const CFGBlock &Block, const VarDecl &Var,
                          const FunctionAnalysis &Body);

} // namespace clang::tidy::parlint

#endif
