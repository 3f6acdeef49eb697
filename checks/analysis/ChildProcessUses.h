// What a function does with one local variable holding a child process's pid
// (the result of fork()/vfork(), or the pid posix_spawn writes): where a child
// starts behind it, where it is reaped (waitpid/wait4/waitid on it, or a wait
// for any child), and whether the pid escapes (then nothing can be said). The
// result feeds HandleFlow with HandleLifetime::Value, whose fork-result and
// error-code edges know that the child branch and a failed spawn have no child.
#ifndef PARLINT_CHECKS_ANALYSIS_CHILDPROCESSUSES_H
#define PARLINT_CHECKS_ANALYSIS_CHILDPROCESSUSES_H

#include "../common/AnalysisCache.h"
#include "HandleFlow.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

struct ChildProcessUses {
  /// Returned, stored elsewhere, passed to a function (other than a wait,
  /// kill, or a variadic argument such as printf's), captured by a lambda,
  /// its address taken other than by posix_spawn, or not understood.
  bool Escapes = false;
  /// Where children start and are reaped, for HandleFlow.
  HandleEvents Events;
  /// The fork/vfork/posix_spawn calls that start a child behind the variable.
  llvm::SmallVector<const CallExpr *, 2> Spawns;
  /// With PidReturns::Record: the statements that return the pid itself
  /// (`return pid;`) to the caller.
  llvm::SmallVector<const ReturnStmt *, 2> Returns;
};

/// What `return pid;` is: an escape (the caller has the pid now), or, when
/// asking what a function hands back (ReturnedWorkers), a use recorded in
/// ChildProcessUses::Returns.
enum class PidReturns { Escape, Record };

/// Every use of Var, a local integer of Function's body that holds a child's
/// pid. A wait for any child (wait(), waitpid(-1, ...)) anywhere in the body
/// reaps it too.
ChildProcessUses collectChildProcessUses(const FunctionAnalysis &Function,
                                         const VarDecl &Var,
                                         PidReturns Returns = PidReturns::Escape);

/// Whether the function keeps a channel to the children it starts: it makes
/// a pipe or a socket pair and lets one end leave the function (returned, or
/// stored in a global, a member or through a pointer). Such a child is a
/// co-process that serves the program for as long as it runs (a privilege
/// separation helper, a script runner): the parent learns of its end through
/// the channel, and its reaping belongs to the program's SIGCHLD handler or
/// main loop, not to this function.
bool keepsChannelToChild(const FunctionAnalysis &Function);

} // namespace clang::tidy::parlint

#endif
