// What a function hands back when it returns a worker it started: the
// future of a std::async that may run on its own thread, a running
// std::thread, or the pid of a child it forked and has not waited for. A
// caller that drops such a result waits for the task right there (the
// future's destructor), terminates the program (the thread's), or leaves a
// zombie (the pid).
//
// Every return of the function must return one: a launch written in the
// return statement, a local initialized by a launch and used nowhere but in
// returns, or the result of another function that returns one (followed
// bottom-up, a few calls deep, recursion cut). A function returning a pid
// may also return constants (-1 on failure), and its local pid may be tested
// on the way: the path engine says whether the child may still be unwaited
// where the pid is returned (fork's child path returns no child). Anything
// else (a default thread on some path, a future from a promise, a virtual
// call, a function without a body here) returns nothing known: it never
// causes a report.
#ifndef PARLINT_CHECKS_ANALYSIS_RETURNEDWORKERS_H
#define PARLINT_CHECKS_ANALYSIS_RETURNEDWORKERS_H

#include "../common/AnalysisCache.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

struct ReturnedWorker {
  enum KindType { None, AsyncFuture, RunningThread, ChildPid };
  KindType Kind = None;
  /// The launch behind the returned value (in the innermost function), and
  /// the function it is written in, for notes.
  const Expr *Launch = nullptr;
  const FunctionDecl *LaunchFunction = nullptr;

  explicit operator bool() const { return Kind != None; }
};

/// What Call returns, through its callee's body; None for a call that
/// dispatches through the vtable or a pointer, or whose callee has no body
/// in this translation unit.
ReturnedWorker returnedWorkerOf(const CallExpr &Call, ASTContext &Context);

/// What Call hands back when its value is dropped where it is made (a
/// statement of its own, a void cast, a member call that neither waits nor
/// detaches): None when the value is kept, the call is itself a launch, or
/// it is written in a system header.
ReturnedWorker droppedWorkerOf(const CallExpr &Call,
                               const FunctionAnalysis &Owner);

} // namespace clang::tidy::parlint

#endif
