// The one path engine: a forward dataflow over a function's CFG that tracks
// whether a local handle (a thread, a container of threads, a pthread_t, a
// pool, a pointer to a pool) may still have a worker running behind it, and
// finds the places where it is destroyed or leaves the function in that
// state: scope ends, return/break/continue/goto, throws that unwind it,
// delete, or the end of the function for handles without a destructor.
// Paths through noreturn calls (exit, abort) end without a report, and so
// does leaving main for a handle without a destructor (the process ends).
// Branches on `h.joinable()` / `h.valid()` refine the state, and so do
// branches on what a start returned, kept with a few tested values along
// each path (TrackedValues). Each block is processed a bounded number of
// times (the facts per block only grow, and there are finitely many).
#ifndef PARLINT_CHECKS_ANALYSIS_HANDLEFLOW_H
#define PARLINT_CHECKS_ANALYSIS_HANDLEFLOW_H

#include "../common/AnalysisCache.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

enum class HandleEffect {
  Start,   ///< a worker now runs behind the handle (or work was queued)
  Finish,  ///< joined, detached, waited, shut down
  Destroy, ///< delete of an owning pointer
};

/// What the function does to the handle, keyed by the statements that do it
/// (as they appear in the CFG).
struct HandleEvents {
  /// The declaration itself starts a worker: `std::thread t(f);`.
  bool StartsAtDeclaration = false;
  llvm::DenseMap<const Stmt *, HandleEffect> AtStmt;
  /// Loops that join or detach every element of a container: the effect
  /// holds once control reaches the loop's condition.
  llvm::DenseMap<const Stmt *, HandleEffect> AtLoop;
  /// `break`s out of a loop of AtLoop that leave some elements unfinished
  /// (LoopBounds' breaksOnData): workers run again past them.
  llvm::SmallPtrSet<const Stmt *, 2> BreaksLeavingSomeRunning;
  /// Starting calls whose returned value says whether they started a worker
  /// (StartResult: pthread_create, posix_spawn, fork...). Wherever that
  /// value goes (a condition, `switch`, a variable tested later, a flag
  /// computed from it), the engine follows it (TrackedValues): on a path
  /// where it says the start failed, or that this process is fork's child,
  /// no worker runs behind the handle.
  llvm::SmallVector<const CallExpr *, 2> CheckedStarts;
  /// For a handle without a variable (a member of `*this` in a destructor):
  /// a worker may already run behind it when the function starts.
  bool RunningAtEntry = false;
};

/// How the handle ends.
enum class HandleLifetime {
  Object,        ///< its destructor runs at scope end (std::thread, a pool)
  OwningPointer, ///< only a delete ends it
  Value,         ///< a plain value (pthread_t, pid_t): the function's end
};

struct FlowRules {
  HandleLifetime Lifetime = HandleLifetime::Object;
  /// After a Finish, later Starts on the same path do not count (a pool that
  /// was joined).
  bool FinishIsFinal = false;
};

struct BadExit {
  enum KindType {
    ScopeEnd,
    Jump,
    Throw,
    Delete,
    FunctionEnd,
    Restart, ///< findLostStarts: the start runs again while its worker may
             ///< still run
  };
  KindType Kind;
  const Stmt *Trigger; ///< the compound statement, jump, throw, delete, return
  SourceLocation Where;
};

/// At most Max exits, the first of each distinct kind (scope end, return,
/// break, continue, goto, throw, delete, function end), for notes that point
/// at reasons without repeating them.
llvm::SmallVector<BadExit, 4> distinctExits(llvm::ArrayRef<BadExit> Exits,
                                            unsigned Max = 3);

/// The places where Var can end with a worker still running, in source
/// order, one per trigger. Empty when there is none or there is no CFG.
llvm::SmallVector<BadExit, 4> findBadExits(const FunctionAnalysis &Function,
                                           const VarDecl &Var,
                                           const HandleEvents &Events,
                                           FlowRules Rules);

/// For a value handle nothing names (the pid of a fork whose result is
/// only tested, or dropped): where a worker started by Events can be lost
/// for good: the function ends (a return, the closing brace) or the start
/// runs again (a loop) while it may still run. Paths that end the process
/// (exit, _exit, abort, a return from main) lose nothing.
llvm::SmallVector<BadExit, 4> findLostStarts(const FunctionAnalysis &Function,
                                             const HandleEvents &Events);

/// For a handle the function does not declare and that may run when it
/// starts (a member of `*this` that some method started, in a destructor):
/// the places where the function returns with a worker still running
/// behind it (its returns, or its closing brace). Only the Finish events of
/// Events count; paths through noreturn calls end silently.
llvm::SmallVector<BadExit, 4> findMemberExits(const FunctionAnalysis &Function,
                                              const HandleEvents &Events);

/// Whether, on some path from the function's entry to At, a worker may be
/// running behind the handle just before At is evaluated: started and not
/// yet finished (the converse question of findBadExits). Var null stands for
/// a handle without a local variable (a detached thread, a member's, a
/// global's): alive from the entry, never destroyed, started and finished
/// only by Events. False when there is no CFG.
bool mayBeRunningAt(const FunctionAnalysis &Function, const VarDecl *Var,
                    const HandleEvents &Events, const Stmt &At,
                    FlowRules Rules = {});

} // namespace clang::tidy::parlint

#endif
