// The part of the function summaries that says what calling a function starts
// and leaves running: workers that outlive the call (a thread detached or kept
// in a global, a member or a parameter's object; a pool task nothing in the
// call waits for; a child process neither waited for nor handed back), forks,
// and a thread started per level of a recursion without a depth or size
// cutoff. Like FunctionSummaries (and with its bound, MaxSummaryDepth): lazy,
// bottom-up over the calls the translation unit can see, once per function
// per translation unit. A function still being summarized starts nothing;
// unknown code (no body here, virtual calls, function pointers) starts
// nothing. A worker handed back to the caller (a returned thread, future or
// pid) is the caller's to end and does not outlive the call here.
#ifndef PARLINT_CHECKS_ANALYSIS_SUMMARYSPAWNS_H
#define PARLINT_CHECKS_ANALYSIS_SUMMARYSPAWNS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::parlint {

/// What runs on after the call.
enum class OutlivingKind : unsigned char { Thread, Process, PoolTask };

/// What keeps the handle of a worker that outlives the call, and so which
/// later code may still end it.
enum class WorkerKeeper : unsigned char {
  Nobody,    ///< a detached thread, a child whose pid is dropped
  Global,    ///< a global or static variable: any code may end it
  Member,    ///< a member of `*this`
  Parameter, ///< the object a reference or pointer parameter designates
};

/// One start of a worker that outlives the call.
struct OutlivingStart {
  OutlivingKind Kind = OutlivingKind::Thread;
  WorkerKeeper Keeper = WorkerKeeper::Nobody;
  unsigned ParamIndex = 0; ///< for Keeper == Parameter
  /// The start lies on every path from the entry to a return: each call
  /// that returns leaves one more worker running.
  bool EveryCall = false;
  /// The statement of the function's own body: the launch, or the call
  /// that leads to it.
  const Expr *Where = nullptr;
  /// The launch itself, the function whose body holds it, and the
  /// launch's description ("starting a std::thread"), for notes.
  const Expr *Origin = nullptr;
  const FunctionDecl *OriginFunction = nullptr;
  StringRef Description;
};

/// What calling a function starts and leaves running.
struct SpawnSummary {
  llvm::SmallVector<OutlivingStart, 2> StartsOutliving;
  /// A fork or vfork the function runs, itself or through a call, on some
  /// path; and the function whose body holds it. Null when none.
  const Expr *Fork = nullptr;
  const FunctionDecl *ForkFunction = nullptr;

  /// A start of this kind on every call that returns, or null.
  const OutlivingStart *onEveryCall(OutlivingKind Kind) const;
  /// Whether every call that returns leaves a thread of its own running.
  bool startsThreads() const {
    return onEveryCall(OutlivingKind::Thread) != nullptr;
  }
};

/// A thread started on every level of a recursion without a cutoff.
struct RecursiveSpawn {
  /// The launch (a thread or std::async) in the function's body.
  const Expr *Spawn = nullptr;
  /// Where the function calls itself: a call, the function named as the
  /// launch's callable, or the call of a function that calls it back.
  const Expr *Recursion = nullptr;
};

class SpawnSummaries {
public:
  /// The summary of calling Function (its definition in this translation
  /// unit); empty when it has none, is in a system header or is template
  /// code that is not an instantiation.
  static const SpawnSummary &of(const FunctionDecl &Function,
                                ASTContext &Context);
  /// The summary of what a call runs: its callee's, for a direct call that
  /// is not dispatched through the vtable to code not known here; null for
  /// unknown code (function pointers, virtual calls, operators).
  static const SpawnSummary *ofCall(const CallExpr &Call, ASTContext &Context);

  /// Whether Function starts a thread (std::thread, std::jthread,
  /// std::async that may start one, pthread_create) and calls itself,
  /// directly or through other functions of the translation unit, with no
  /// cutoff on the path to the launch or to the call: no condition that may
  /// compare a depth or a size with a threshold (`if (n < cutoff) return
  /// serial(...)`, `if (depth > 0)`). Only base-case tests leave a path
  /// unguarded: emptiness (`v.empty()`), null and iterator equality, and an
  /// integer compared with 0, 1 or 2 that is not a depth counter (a
  /// parameter the recursion passes on as `p - 1` or `p + 1`).
  static std::optional<RecursiveSpawn>
  recursiveSpawn(const FunctionDecl &Function, ASTContext &Context);
};

/// For a caller: whether Other, a call or expression in the caller's body,
/// may end a worker that Start (through the call StartCall) keeps: a
/// detached worker, never; one kept in a global, any call of the program's
/// own code; in a member, a call on the same object or handing it on; in a
/// parameter's object, any use of the argument.
bool mayEndKeptWorker(const OutlivingStart &Start, const Expr &StartCall,
                      const Stmt &Other);

} // namespace clang::tidy::parlint

#endif
