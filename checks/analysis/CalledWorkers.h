// Workers a call starts that outlive it, seen from the caller: the callee
// (code of the program, its body here) starts a thread in its own body and
// either returns its handle (a std::async future, a running std::thread,
// ReturnedWorkers) or lets it go (a detached thread, SummarySpawns' keeper
// Nobody). The worker's accesses are those of the callee's launch, put in
// the caller's names through the call's binding: `this` is the call's
// object, a reference or pointer parameter is the argument's object, a
// global is itself. What the worker reaches of the callee's own (its locals,
// its by-value parameters) is nobody's in the caller and is left out.
#ifndef PARLINT_CHECKS_ANALYSIS_CALLEDWORKERS_H
#define PARLINT_CHECKS_ANALYSIS_CALLEDWORKERS_H

#include "../model/Launch.h"
#include "SharedWrites.h"
#include "SummaryWrites.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::parlint {

/// How many calls below the callee a detached launch is followed.
inline constexpr unsigned MaxDetachDepth = 3;

/// One call on the way from the callee down to the launch.
struct CallFrame {
  const FunctionDecl *Callee = nullptr;
  CallBinding Binding;
};

struct CalledWorker {
  /// The call in the caller's body.
  const CallExpr *Call = nullptr;
  const FunctionDecl *Callee = nullptr;
  CallBinding Binding;
  /// For a thread let go further down (the callee calls a helper that
  /// detaches it): the calls from the callee's body down to the function
  /// holding the launch, outermost first. Empty when the callee launches.
  llvm::SmallVector<CallFrame, 2> Deeper;
  /// The launch in the body of launchingFunction().
  Launch Inner;
  /// The callee lets the worker go (detached): it runs on after the call,
  /// and nothing the caller holds ends it. Otherwise the call's value is
  /// the worker's handle (a future, a thread).
  bool Detached = false;

  /// The function whose body holds the launch.
  const FunctionDecl &launchingFunction() const {
    return Deeper.empty() ? *Callee : *Deeper.back().Callee;
  }
};

/// Calls Visit on every call in Body (lambdas included) whose callee starts
/// a thread that outlives the call, as above; a detached one also when it
/// is started up to MaxDetachDepth calls further down. Calls that are
/// launches themselves, and callees that are Body's own function, are left
/// out.
void forEachCalledWorker(const Stmt &Body, ASTContext &Context,
                         llvm::function_ref<void(CalledWorker)> Visit);

/// Accesses of the callee's worker (in the callee's names) in the caller's
/// names; those the caller cannot name are dropped. Locks the caller
/// cannot name become wildcards.
WorkerAccesses inCallerNames(const WorkerAccesses &InCallee,
                             const CalledWorker &Worker);

} // namespace clang::tidy::parlint

#endif
