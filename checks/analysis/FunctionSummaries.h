// What calling a function does to the handles its caller can reach (the
// members of `*this`, the objects its reference and pointer parameters
// designate): which it may start, finish (join, detach, wait, shut down) or
// hand over to code that may. Computed lazily, bottom-up over the calls the
// translation unit can see, once per function per translation unit (the
// cache lives in AnalysisCache's per-TU state and is dropped with it).
//
// A call is followed into its callee when the callee's body is in the
// translation unit, outside system headers, and the call is not virtual.
// Recursion is cut: a function still being summarized counts as unknown,
// and so does a call deeper than MaxSummaryDepth. Unknown code (no visible
// body, a virtual call, a call through a function pointer or std::function)
// may finish every handle the call can reach and starts nothing: it can
// silence a report, never cause one.
//
// Only handle-typed members (model/Handles: thread, jthread, future, their
// containers, pthread_t; and pools: model/Pools, or missing-pool-shutdown's
// PoolTypes) are followed. See docs/architecture.md ("Across functions").
#ifndef PARLINT_CHECKS_ANALYSIS_FUNCTIONSUMMARIES_H
#define PARLINT_CHECKS_ANALYSIS_FUNCTIONSUMMARIES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

/// Calls followed below a function before the rest counts as unknown.
constexpr unsigned MaxSummaryDepth = 8;

/// A handle a function reaches from its caller.
struct ReachedHandle {
  enum RootKind : unsigned char {
    ThisObject, ///< `*this`
    Parameter,  ///< the object a reference or pointer parameter designates
  };
  RootKind Root = ThisObject;
  unsigned ParamIndex = 0;
  /// A handle member of the root (`this->worker_`, `p->threads_`), or null
  /// for the root object itself and everything in it (a `std::thread &`
  /// parameter; `*this` handed to unknown code).
  const FieldDecl *Member = nullptr;

  static ReachedHandle member(const FieldDecl &Field) {
    return {ThisObject, 0, &Field};
  }
  static ReachedHandle parameter(unsigned Index,
                                 const FieldDecl *Field = nullptr) {
    return {Parameter, Index, Field};
  }
  bool operator==(const ReachedHandle &Other) const {
    return Root == Other.Root && ParamIndex == Other.ParamIndex &&
           Member == Other.Member;
  }
  /// Whether an effect on this handle is an effect on Other: the same one,
  /// or this is Other's whole root.
  bool covers(const ReachedHandle &Other) const {
    return Root == Other.Root && ParamIndex == Other.ParamIndex &&
           (!Member || Member == Other.Member);
  }
};

/// What a statement (or a call, through its callee) does to a handle.
enum class HandleStepKind : unsigned char {
  Start,     ///< a worker now runs behind it: a launch stored into it, work
             ///< queued on it
  Join,      ///< waits for it: join(), a future's get()/wait(), a pool's
             ///< wait or shutdown (model/Pools), pthread_join, waitpid
  Detach,    ///< lets it go: detach(), pthread_detach
  Escape,    ///< handed over: moved out, swapped, its address or a
             ///< non-const reference given to code that may keep it
  MayFinish, ///< reachable by unknown code (a virtual call on `this`, a
             ///< function without a body here) that may finish it
};

/// Whether the step ends the worker behind the handle for the caller's
/// purposes (every kind but Start).
inline bool finishes(HandleStepKind Kind) {
  return Kind != HandleStepKind::Start;
}

/// One effect at one statement of a body.
struct HandleStep {
  ReachedHandle Handle;
  HandleStepKind Kind;
  /// The statement of the body that has the effect, as the path engine
  /// sees it: the call, the assignment, a lambda written in the body (for
  /// effects of code inside it), or a constructor's member initializer's
  /// expression.
  const Stmt *Where = nullptr;
  /// Where is a loop that joins or detaches every element of a container
  /// (its effect holds once control reaches the loop's condition).
  bool AtLoop = false;
  /// The statement that has the effect in the end, and its function: Where
  /// itself, or the start inside the callee a call leads to (for notes).
  const Stmt *Origin = nullptr;
  const FunctionDecl *OriginFunction = nullptr;
};

/// What calling a function does to the handles its caller can reach.
struct FunctionSummary {
  /// Nothing is known about the function (no body here, recursion cut):
  /// it may finish whatever a call hands it and starts nothing.
  bool Unknown = false;
  /// One step per (handle, kind), with the first origin found. Where is the
  /// statement of the summarized function's own body.
  llvm::SmallVector<HandleStep, 4> Effects;

  /// Whether a call may finish H (join, detach, hand over, or unknown code).
  bool mayFinish(const ReachedHandle &H) const;
  /// The step that starts member Field of `*this`, or null.
  const HandleStep *startOf(const FieldDecl &Field) const;

  // The other facts of a call live beside this one, each in its own per-TU
  // cache with the same bodies, recursion cut and depth bound:
  //  - SummarySpawns.h: workers a call leaves running (on every call or
  //    not, and who keeps them), forks through calls, spawning recursion;
  //  - ReturnedWorkers.h: a returned running thread, std::async future or
  //    child pid;
  //  - SummaryWrites.h: writes to what the caller reaches, with the locks
  //    held, only for functions a worker calls.
};

/// The summaries of the current translation unit.
class FunctionSummaries {
public:
  /// The summary of calling Function (its definition in this translation
  /// unit); Unknown when it has none, is in a system header or is template
  /// code that is not an instantiation.
  static const FunctionSummary &of(const FunctionDecl &Function,
                                   ASTContext &Context);
  /// The steps of Function's own body (calls mapped through their callees'
  /// summaries, member initializers of a constructor included), for the
  /// path engine: empty when the summary is Unknown.
  static llvm::ArrayRef<HandleStep> stepsOf(const FunctionDecl &Function,
                                            ASTContext &Context);
  /// The steps of a default member initializer (`std::thread t_{f};`,
  /// `Guard g_{t_};`), which every constructor that does not initialize the
  /// member itself runs on `*this`. OriginFunction is null.
  static llvm::ArrayRef<HandleStep>
  stepsOfInitializer(const FieldDecl &Field, ASTContext &Context);
};

/// Whether members of this type are handles the summaries follow: threads,
/// futures, their containers, pthread_t, thread pools.
bool isSummarizedHandleType(QualType Type);

} // namespace clang::tidy::parlint

#endif
