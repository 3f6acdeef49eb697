// Whether a function picks its paths from the data it is given alone: each
// branch condition of its body reads only its parameters and what they
// point to, constants, what the standard library says about them, and
// locals given only such values (`if (!body.empty())`, `if (r->count ==
// CAP)`, `if (sscanf(text, ..., &n) != 3)`, a call of the program's own
// that answers from its arguments alone). Such a function takes each of
// its paths for some input of any caller, so a write on some of them is a
// write of the calls that reach it. A test of a global or static, of a
// member of `*this`, or of what a call of the program's own answers (a
// lookup that may find nothing) may be a mode some threads never run in
// (redis's IO threads call a reader whose command processing is for the
// main thread): then the paths are not data's.
#ifndef PARLINT_CHECKS_ANALYSIS_DATABRANCHES_H
#define PARLINT_CHECKS_ANALYSIS_DATABRANCHES_H

#include "clang/AST/Decl.h"

namespace clang::tidy::parlint {

bool branchesOnDataOnly(const FunctionDecl &Function);

/// The condition a branch or loop tests (`if`, `while`, `for`, `do`,
/// `switch`, `?:`, the left side of `&&` / `||`), or null.
const Expr *conditionOf(const Stmt &S);

} // namespace clang::tidy::parlint

#endif
