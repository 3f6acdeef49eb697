// A spawn that waits for a free slot of a fixed-size table: the iteration
// scans the table (`for (j = 0; j < MAX_CHILDREN; j++) if (pids[j] < 0) {
// slot = j; break; }`) and starts the worker only when the scan found one
// (`if (slot < 0) continue;`). At most the table's size are alive.
#ifndef PARLINT_CHECKS_ANALYSIS_FREESLOTS_H
#define PARLINT_CHECKS_ANALYSIS_FREESLOTS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

/// Whether `LHS Op RHS`, the comparison under which the spawn runs, holds
/// only once a scan in Loop found a free slot: one side is a local that each
/// iteration sets to a value outside the table (`int slot = -1;`) and that is
/// otherwise only given the index of a loop over a table of constant size;
/// the other side is a constant that makes the comparison false for that
/// value outside the table.
bool runsOnlyWithFreeSlot(const Expr *LHS, BinaryOperatorKind Op,
                          const Expr *RHS, const Stmt &Loop, ASTContext &Ctx);

} // namespace clang::tidy::parlint

#endif
