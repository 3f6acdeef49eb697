// The Writes field of the function summaries: what calling a function writes
// of what its caller can reach — globals and statics, members of `*this`,
// the objects its non-const reference and pointer parameters designate —
// with the locks held at each write (LockScopes, and the locks held at the
// calls that lead there). Calls are followed bottom-up like the other
// summaries (FunctionSummaries.h: same bodies, same recursion cut and depth
// bound); each function is summarized once per translation unit, and only
// when a worker's code calls it (lazily, from collectWorkerAccesses).
//
// Unknown code (no body here, a virtual call, a call through a function
// pointer or std::function) writes nothing: it can never cause a report.
// See docs/architecture.md ("Across functions").
#ifndef PARLINT_CHECKS_ANALYSIS_SUMMARYWRITES_H
#define PARLINT_CHECKS_ANALYSIS_SUMMARYWRITES_H

#include "../model/Synchronization.h"
#include "LockKeys.h"
#include "LockScopes.h"
#include "ParameterGuards.h"
#include "ObjectPath.h"
#include "SharedWrites.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

#include <utility>

namespace clang::tidy::parlint {

/// One write a call of the summarized function makes.
struct SummaryWrite {
  /// The object written, in the summarized function's names: Root is a
  /// global or static, one of its reference or pointer parameters (a
  /// pointer parameter's path goes through it), or null for `*this`.
  ObjectPath Object;
  WriteKind Write = WriteKind::Assign;
  const CXXMethodDecl *Method = nullptr;
  /// The written value is a scalar (atomic would do).
  bool Scalar = false;
  /// A constant stored into a volatile scalar (SharedAccess's).
  bool ConstantToVolatile = false;
  /// The locks held at the write, in the summarized function's names (a
  /// lock on a local of some callee protects nothing shared and is left
  /// out; one that cannot be named is a wildcard).
  LockSet Held;
  /// The write writes the slot of an element chosen by these by-value
  /// parameters (`out[i] = v` with `i` a parameter): the caller decides
  /// whether that slot is a worker's own. Empty: not a slot choice.
  llvm::SmallVector<unsigned, 2> SlotParams;
  /// SharedAccess's UnguardingStripe.
  const Expr *UnguardingStripe = nullptr;
  /// The element's index is an atomic ticket taken here (ClaimedSlots) and
  /// nothing after the write publishes it: each caller writes a slot of its
  /// own, which the counter announced before it was filled.
  const Expr *ClaimedBy = nullptr;
  /// For a read: the function makes it before any hand-off of its own, in
  /// the order of its code.
  bool BeforeAnyHandOff = false;
  /// For a read: it takes the value of a pointer member to compute an
  /// address (`img->pixels + r * w`), reading none of what the member points
  /// to, which goes by the member's name too (ObjectPath).
  bool PointerValue = false;
  /// The write lies on every path that returns, in each function on the
  /// way down. A write on some paths only is kept while it stays a member
  /// of `*this` (see WriteSummary::Writes).
  bool EveryCall = true;
  /// Made only under a test that lets one caller through (model's
  /// selectsOneCaller: `if (left.fetch_sub(1) == 1) combine();`), in the
  /// function or at a call on the way down: no two calls make it at once.
  bool OneCaller = false;
  /// A write with no lock held after which no path, in the function and in
  /// each on the way down, may publish it (Publication.h): only what the
  /// caller does after the call can (`done_ = true; cv_.notify_all();`).
  bool UnpublishedAtReturn = false;
  /// For a write of WriteSummary::GuardedWrites: the argument test that
  /// picks its path.
  std::optional<ParameterGuard> Guard;
  /// For a write of WriteSummary::RangeWrites: the counter of the
  /// function's own counting loop that picks the element.
  const VarDecl *RangeCounter = nullptr;
  /// The write itself, in whichever function it is in the end.
  const Expr *Where = nullptr;
  const FunctionDecl *WhereFunction = nullptr;
};

struct WriteSummary {
  /// The writes a call makes: to globals, statics and what parameters
  /// designate, those on every path that returns, in each function on the
  /// way down — a write on some paths only (an error counter three calls
  /// below a reader whose thread mode keeps it off that path) is no
  /// evidence that a worker calling the function makes it. A member of
  /// `*this` counts on any path, as long as each call on the way is made on
  /// `this`: the object's own methods are its contract with every thread
  /// that calls them (`get()` inserting on a miss).
  llvm::SmallVector<SummaryWrite, 4> Writes;
  /// Writes on the path a caller picks with a constant argument
  /// (`report(d, /*is_error=*/true, msg)` takes `if (is_error) d.errors++;`),
  /// each with its Guard: on every call that passes a value taking the
  /// path, on none that passes another (see writesAt).
  llvm::SmallVector<SummaryWrite, 2> GuardedWrites;
  /// Writes of the function's own code (not of those it calls) to an
  /// element picked by the counter of one of its counting loops (`for (i =
  /// s->first; i <= s->last; i++) s->data[i] = v;`): whose slot that is
  /// depends on the range the caller hands over, which only a worker's
  /// direct call can place (SharedWrites, LaunchRanges). Not passed on to
  /// the function's callers. A write whose element the function could not
  /// name otherwise is only here; one it could (through a pointer member,
  /// `s->data`) is among Writes too.
  llvm::SmallVector<SummaryWrite, 2> RangeWrites;
  /// Writes to an element neither the function nor its caller can place
  /// (`buckets_[v & 15]`, `hist[hash(key)]`): whether two callers hit the
  /// same one is unknown, but a thread reading every element meets each.
  /// Kept apart from Writes, which claim a meeting of every caller.
  llvm::SmallVector<SummaryWrite, 2> UnplacedWrites;
  /// What a call may read of the same objects (Write is None), on any path,
  /// with the locks held there: a call of the summarized function stands
  /// for these reads, not for a read of the whole object it is called on.
  llvm::SmallVector<SummaryWrite, 4> Reads;
  /// The function (or one it calls) hands data over without a lock: a
  /// condition variable, a future, an atomic load/store, a call on a
  /// synchronized object (SharedWrites' HandsOff). A worker calling it
  /// proves nothing by its writes.
  bool HandsOff = false;
  /// A hand-off that can order two threads running the same code with each
  /// other (SharedWrites' OrdersInstances).
  bool OrdersInstances = false;
  /// The function (or one it calls) may publish what its caller wrote
  /// before the call: a lock's call, a hand-off that releases (a store, a
  /// post, a promise's value; not a notify, not a wait that only takes),
  /// code parlint cannot see.
  bool Publishes = false;
  /// The mutexes the function (or one it calls) locks, unlocks or waits
  /// on; LockKeys::Any when one cannot be named or code parlint cannot see
  /// may take any.
  LockKeys Locks;
  /// It (or one it calls) may publish by more than taking and releasing
  /// Locks: a hand-off that releases, code parlint cannot see.
  bool PublishesBeyondLocks = false;
  /// The function (or one it calls) observes another thread
  /// (model/Synchronization's observesAnotherThread): what it reads after
  /// that may have been handed to it.
  bool Observes = false;
};

/// How a call binds the callee's roots, in the caller's names.
struct CallBinding {
  /// The object of a member call (`obj`, `p` for `p->f()`, `this`), null
  /// for a free function.
  const Expr *Object = nullptr;
  bool ObjectIsPointer = false;
  llvm::SmallVector<const Expr *, 4> Args;
};

/// The once flag of a `pthread_once(&once, init)` or `std::call_once(flag,
/// init)` call S: its initializer's writes are made holding it, as under a
/// lock (two callers never both run them), and the call orders what the
/// caller reads after it; nullopt for any other statement.
std::optional<ObjectPath> onceFlagOf(const Stmt &S);

class SummaryWrites {
public:
  /// The writes of calling Function (its definition here); empty for
  /// unknown code, recursion cut and calls past MaxSummaryDepth.
  static const WriteSummary &of(const FunctionDecl &Function,
                                ASTContext &Context);
  /// The writes a call bound by Binding makes: Summary's Writes, and its
  /// GuardedWrites whose argument at the call is a constant taking their
  /// path (with Guard cleared). With VariableTakesPath, also those whose
  /// argument is no constant: a caller passing what it reads at run time
  /// (`handle_key(&game, key)`) may take any path.
  static llvm::SmallVector<SummaryWrite, 4>
  writesAt(const WriteSummary &Summary, const CallBinding &Binding,
           const ASTContext &Context, bool VariableTakesPath = false);
  /// What a call hands off (model/Synchronization's kind), or, for a call
  /// on an object of a synchronized class whose body the summaries do not
  /// follow, that object: the caller decides whether it is shared, and if
  /// so takes the call for a hand-off that may order anything.
  struct CallHandOff {
    HandOffKind Kind = HandOffKind::None;
    const Expr *SynchronizedObject = nullptr;
  };
  static CallHandOff handOffOf(const CallExpr &Call, ASTContext &Context);
  /// Whether Call may be the launching thread's side of a hand-off with a
  /// worker: a hand-off itself (above), a wait or an observing load, a
  /// followed callee whose summary hands off or observes, or code of the
  /// program the summaries cannot see into. A join is not: the worker's end
  /// is the path engine's.
  static bool takesPartInHandOff(const CallExpr &Call, ASTContext &Context);
  /// Whether Call may publish what was written before it (WriteSummary's
  /// Publishes, for a call the summaries follow).
  static bool mayPublish(const CallExpr &Call, ASTContext &Context);
  /// How a call takes part in locking: the mutexes it may take or
  /// release, and whether it may publish by more than those (a hand-off
  /// that releases, code parlint cannot see; not a notify, not a wait that
  /// only takes).
  struct Locking {
    LockKeys Locks;
    bool BeyondLocks = false;
    void merge(const Locking &Other) {
      Locks.merge(Other.Locks);
      BeyondLocks |= Other.BeyondLocks;
    }
  };
  static Locking lockingOf(const CallExpr &Call, ASTContext &Context);
  /// The same for an object's construction: a guard's mutexes, what its
  /// constructor and destructor do.
  static Locking lockingOf(const CXXConstructExpr &Construct, ASTContext &Context);
  /// The same for all the code of S: its calls, its constructions, its
  /// atomics that release (lambdas in it too unless SkipLambdas).
  static Locking lockingWithin(const Stmt &S, ASTContext &Context,
                               bool SkipLambdas = true);
  /// A call through a function-pointer field that only ever holds functions
  /// of the program (a table of callbacks, FieldWrites): what every one of
  /// them writes and reads, in the first one's names (returned, with the
  /// call's arguments bound), and the hand-offs of any. Null when the
  /// targets are not all known and summarized.
  static const FunctionDecl *commonCallbackSummary(const CallExpr &Call,
                                                   CallBinding &Binding,
                                                   WriteSummary &Common,
                                                   ASTContext &Context);
  /// The same for a C11 or GNU atomic operation (model/Synchronization).
  static bool takesPartInHandOff(const AtomicExpr &Atomic) {
    return handOffKindOf(Atomic) != HandOffKind::None ||
           observesAnotherThread(Atomic);
  }
  /// The hand-offs an object's construction brings into the code that
  /// constructs it: its constructor's and its destructor's (a guard whose
  /// destructor stores an atomic flag when the worker's scope ends), as the
  /// summaries read them. First: any hand-off; second: one that orders
  /// instances (WriteSummary's HandsOff and OrdersInstances).
  static std::pair<bool, bool> constructionHandOffs(const CXXConstructExpr &Construct,
                                                    ASTContext &Context);
  /// The same for an object Constructor makes (`std::make_unique<T>`).
  static std::pair<bool, bool>
  constructionHandOffs(const CXXConstructorDecl *Constructor, ASTContext &Context);
  /// The callee Call runs when the summaries follow it, with its binding;
  /// null for unknown code, the standard library, launches and pools.
  static const FunctionDecl *followedCallee(const CallExpr &Call,
                                            CallBinding &Binding,
                                            ASTContext &Context);
  /// The locks held at a call (AtCall), and those the callee holds at
  /// Access, in the caller's names: one the caller cannot name is a
  /// wildcard.
  static LockSet withCalleeLocks(LockSet AtCall, const SummaryWrite &Access,
                                 const FunctionDecl &Callee,
                                 const CallBinding &Binding);
  /// A path of the callee's names (a write's object, a lock) in the
  /// caller's names; nullopt when the caller cannot name it.
  static std::optional<ObjectPath> mapPath(const ObjectPath &Path,
                                           const FunctionDecl &Callee,
                                           const CallBinding &Binding);
};

} // namespace clang::tidy::parlint

#endif
