// Whether calling a function starts a detached thread every time: the
// callee (or a helper it calls, a few calls deep) starts a thread and lets
// it go (detach(), pthread_detach, a detached attribute) on every path that
// gets past its early exits. Called once per item of an input loop, such a
// helper starts one thread per item with nothing bounding how many run.
//
// Only detached threads count: a thread stored in a member, a global or an
// out-parameter may be joined by code this analysis does not follow, and a
// process may be reaped by a handler elsewhere. A launch in a loop or a
// branch of the callee, in a lambda, or behind a virtual call, a function
// pointer or a function without a body here, counts as not started: it can
// silence a report, never cause one.
#ifndef PARLINT_CHECKS_ANALYSIS_OUTLIVINGSPAWNS_H
#define PARLINT_CHECKS_ANALYSIS_OUTLIVINGSPAWNS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

struct OutlivingSpawn {
  /// The launch that starts the detached thread, and the function it is
  /// written in (the callee or a helper below it), for notes.
  const Expr *Launch = nullptr;
  const FunctionDecl *LaunchFunction = nullptr;

  explicit operator bool() const { return Launch != nullptr; }
};

/// The detached thread every call of Call's callee starts, if any.
OutlivingSpawn outlivingSpawnOf(const CallExpr &Call, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
