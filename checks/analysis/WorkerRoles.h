// Threads started in a counting loop that each take a different role: the
// worker reads its launch index as a kind of work and branches on it
// against two or more constants (`if (type == BIO_CLOSE_FILE) ... else if
// (type == BIO_AOF_FSYNC)`, a `switch` with several cases). Such a loop
// starts one dedicated thread per kind, not a pool whose size should follow
// the machine.
#ifndef PARLINT_CHECKS_ANALYSIS_WORKERROLES_H
#define PARLINT_CHECKS_ANALYSIS_WORKERROLES_H

#include "clang/AST/Decl.h"

namespace clang::tidy::parlint {

/// Whether Worker (its definition here) branches on one of its parameters,
/// or a local given a cast of one, against at least two different integer
/// constants.
bool branchesOnItsRole(const FunctionDecl &Worker);

} // namespace clang::tidy::parlint

#endif
