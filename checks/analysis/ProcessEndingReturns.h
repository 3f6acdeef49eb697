// Whether a function's return ends the process in every caller: `return
// 1;` from `open_connections()` whose one caller does `if
// (open_connections() != 0) { ...; exit(1); }`, or `return
// CLI_STATUS_DONE;` from a daemonizing helper whose caller, main, does
// `case CLI_STATUS_DONE: return 0;`. A thread or child process left
// running there is not leaked: the process ends right after.
#ifndef PARLINT_CHECKS_ANALYSIS_PROCESSENDINGRETURNS_H
#define PARLINT_CHECKS_ANALYSIS_PROCESSENDINGRETURNS_H

#include "../common/AnalysisCache.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::parlint {

/// Whether Return, in the body Function analyses, gives back a constant
/// that every call of the function in the translation unit (at least one)
/// tests at once, as the condition of an `if` (maybe compared with a
/// constant) or of a `switch`, taking a branch that ends the process: its
/// statements reach a call that does not return (`exit`, `abort`, a
/// `[[noreturn]]` function) or a return from main before anything else
/// that branches. Anything parlint cannot evaluate says no.
bool returnEndsProcess(const ReturnStmt &Return, const FunctionAnalysis &Function);

} // namespace clang::tidy::parlint

#endif
