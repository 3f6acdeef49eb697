// What the code of a worker reaches by reference, and how it touches it:
// the worker's code (a lambda's body, the function or member function
// launched, and the lambdas they run themselves), the objects of the
// launching function it names (by-reference captures, globals and statics,
// members through `this`, reference and pointer parameters bound to an
// object at the launch), each access to them (a write: assignment, compound
// assignment, ++/--, a mutating call on a standard container, a map's
// operator[]; or a read), the locks held there (LockScopes) and whether the
// access is to a slot of the worker's own (`out[i]` with `i` unique to the
// worker).
#ifndef PARLINT_CHECKS_ANALYSIS_SHAREDWRITES_H
#define PARLINT_CHECKS_ANALYSIS_SHAREDWRITES_H

#include "../common/AnalysisCache.h"
#include "../model/Launch.h"
#include "ArgumentFields.h"
#include "LaunchRanges.h"
#include "LockKeys.h"
#include "LockScopes.h"
#include "ObjectPath.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>

namespace clang::tidy::parlint {

/// A worker's code and how its names map to the launching function's
/// objects.
struct WorkerCode {
  const Launch *Spawn = nullptr;
  /// The code the worker runs, null when it is not known (a functor, a
  /// function defined elsewhere, a generic lambda in a pattern).
  const Stmt *Body = nullptr;
  const LambdaExpr *Lambda = nullptr;
  /// The lambda's call operator, or the function launched.
  const FunctionDecl *Function = nullptr;
  /// What `this` designates in the worker, in the launching function's
  /// names: its own `this` (a lambda capturing it, a member function
  /// launched on `this`), an object (`&C::run, &obj`), or nothing shared (a
  /// copy of the object).
  std::optional<ObjectPath> ThisObject;
  /// The reference members of a functor the launch copies
  /// (`std::thread(HttpWorker(i, logger))`), bound by its constructor to
  /// objects of the launching function: the copy's `this->log_` is that
  /// object. The copy's other members are its own.
  llvm::DenseMap<const FieldDecl *, ObjectPath> BoundMembers;
  /// Reference and pointer parameters bound to an object of the launching
  /// function: `std::ref(x)`, `&x`, an array or `v.data()`.
  llvm::DenseMap<const ParmVarDecl *, ObjectPath> ByReference;
  /// Values that differ from one launch to the next: by-copy captures and
  /// parameters from the variables of the loop that launches (a loop index,
  /// a worker id), or all of them when the launch is not repeated.
  llvm::SmallPtrSet<const ValueDecl *, 4> PerLaunch;
  /// The parameter that receives a per-launch argument struct
  /// (pthread_create's `&args[i]`), and the fields of that struct that
  /// point every launch at one object (ArgumentFields).
  const ParmVarDecl *ArgumentParam = nullptr;
  /// Parameters bound on each launch to another element of one array or
  /// container of the launching function (`&slots[i]`, `std::ref(slots[i])`,
  /// `slots + i`), and that container: what the worker writes through them
  /// is in a slot of its own, which a thread reading every slot still meets.
  llvm::DenseMap<const ParmVarDecl *, ObjectPath> OwnElements;
  llvm::DenseMap<const FieldDecl *, SharedPointee> SharedFields;
  /// How many workers the launching loop starts, when it counts from 0 to
  /// a constant (ids 0..Launches-1): `id % 4` with 8 of them is no slot of
  /// a worker's own.
  std::optional<int64_t> Launches;
  /// The loop of the launching function that launches repeatedly, if any.
  const Stmt *LaunchLoop = nullptr;
};

/// The worker of Spawn in Launcher. Loop is the loop of Launcher that runs
/// the launch repeatedly, if any; Repeated says whether the same callable is
/// launched elsewhere too (then its by-copy captures are the same in each).
/// Others are those other launches when each of them runs once: a by-value
/// argument that is a constant different from theirs at the same place
/// (`std::thread a(work, 0); std::thread b(work, 1);`) is the launch's own.
WorkerCode describeWorker(const Launch &Spawn, const FunctionAnalysis &Launcher,
                          const Stmt *Loop, bool Repeated,
                          llvm::ArrayRef<const Launch *> Others = {});

enum class WriteKind {
  None,   ///< a read
  Assign, ///< `x = v`
  Update, ///< `x += v`, `++x`, `x--`
  Modify, ///< a mutating call on a standard container (Method names it)
  Insert, ///< operator[] of a std::map or std::unordered_map
};

struct SharedAccess {
  /// The expression that reads or writes (the assignment, the call).
  const Expr *Where = nullptr;
  /// The object, in the launching function's names.
  ObjectPath Object;
  WriteKind Write = WriteKind::None;
  const CXXMethodDecl *Method = nullptr;
  /// The locks held there, in the launching function's names (locks on
  /// objects it cannot name are wildcards).
  LockSet Held;
  /// Only the instance with one particular id does it (`if (id == 0)`,
  /// after `if (id != 0) return;`); a read or a write.
  bool OneInstance = false;
  /// The accessed value is a scalar (arithmetic, enum, pointer): atomic
  /// would do.
  bool Scalar = false;

  /// A constant stored into a `volatile` scalar (`done = 1;` on a `volatile
  /// int`): a flag declared for use across threads or signal handlers, whose
  /// store can be neither lost nor torn.
  bool ConstantToVolatile = false;

  /// The access is in the body of a loop whose condition polls an atomic
  /// flag (`while (!stop.load())`): it runs while the flag is seen unset,
  /// so the flag orders it with nothing done before the flag is set.
  bool WhilePolling = false;
  /// The access is in a loop's condition (`while (srv->running)`): read
  /// again on every trip, so a condition variable's wait inside the loop
  /// orders none but the trips after it.
  bool InLoopCondition = false;

  /// A write on each trip of a worker loop that hands data over (a notify,
  /// a store, a post) but never waits for another thread nor reads shared
  /// state under a lock: nothing tells the writer that whoever was handed
  /// the previous trip's value is done with it (a mailbox refilled at once).
  bool RefilledUnwatched = false;
  /// The access is in a loop of the worker whose trips take part in a
  /// hand-off (a consumer taking one value per trip).
  bool InHandOffLoop = false;
  /// An unlocked write of the worker's own code after which no path takes
  /// part in a hand-off or takes or releases a lock (the result stored
  /// after the worker signalled that it is done): only the worker's end
  /// can publish it.
  bool PublishedByNothing = false;
  /// The mutexes the worker may release after the access, when that is all
  /// it may do to publish it or to answer it (a read) until it ends:
  /// nothing hands off, no code parlint cannot see runs
  /// (PublicationPaths::locksReleasedAfter; for a callee's access, all the
  /// callee takes, then what the worker does after its call). Nullopt
  /// otherwise. A thread that takes none of them, and learns nothing of
  /// the worker's end, is ordered with the access by nothing.
  std::optional<LockKeys> ReleasesAfter;

  /// The access is to an element picked by a counter whose range in one
  /// launch reaches into the next launch's (LaunchRanges): neighbouring
  /// workers both touch the boundary.
  std::optional<OverlappingRange> Overlap;
  /// A lock held at the write that is one of an array's stripes, picked by
  /// data, while the write is to no element of it: where it was named.
  const Expr *UnguardingStripe = nullptr;
  /// An own-slot write to a slot claimed with this atomic ticket
  /// (SummaryWrite::ClaimedBy): the counter announced the slot before the
  /// write filled it.
  const Expr *ClaimedBy = nullptr;
  /// An OwnSlotWrites entry whose element parlint cannot place (`hist[v &
  /// 15]` with `v` from a seed, `buckets_[bucket_for(us)]`): another
  /// instance may or may not hit the same one, but a thread reading every
  /// element meets it.
  bool UnplacedSlot = false;
  /// A read a constant away from the worker's own counter that reaches the
  /// neighbouring launch's part at the end of its range (a stencil).
  bool NeighbourSlot = false;
  /// The worker makes the access before any hand-off of its own (in the
  /// order of its code): nothing it synchronizes with orders this one.
  bool BeforeAnyHandOff = false;

  /// A read, through a call, of a pointer member's value only
  /// (SummaryWrite::PointerValue): none of the elements it points to.
  bool PointerValue = false;

  /// The access is to one element at a constant index (`parts[0]`).
  std::optional<int64_t> ConstantSlot;

  /// A write in a function the worker calls (SummaryWrites): the worker's
  /// own call that leads there, and the function it calls. Where is then
  /// the write in that function, or in one it calls in turn. An access
  /// that stands for what a call does (a summary's read in the worker, any
  /// access in the launching thread) keeps Where at the call, Via null and
  /// names the callee in ViaCallee.
  const Expr *Via = nullptr;
  const FunctionDecl *ViaCallee = nullptr;
  /// For an access of the launching thread that stands for a call: the
  /// access itself, in the callee or one it calls in turn.
  const Expr *Inner = nullptr;

  bool isWrite() const { return Write != WriteKind::None; }
  /// Two accesses to different constant elements of one object
  /// (`parts[0]` and `parts[1]`) do not meet.
  bool inOtherSlotThan(const SharedAccess &Other) const {
    return ConstantSlot && Other.ConstantSlot &&
           *ConstantSlot != *Other.ConstantSlot && Object == Other.Object;
  }
};

struct WorkerAccesses {
  llvm::SmallVector<SharedAccess, 8> Accesses;
  /// The loop of the worker whose barrier waits are the only hand-offs
  /// that order its instances: one wait anywhere in the loop, or several,
  /// each a statement of the loop's body (BarrierWaits, in order). What two
  /// instances do between the same two waits (in one phase of a trip) is
  /// not ordered by them; after the last wait and before the first is one
  /// phase, the next trip's.
  /// Or the worker's body itself, when its waits are statements of it
  /// outside any loop (a start gate, straight-line phases): then the
  /// phases do not wrap around (BarrierPhasesWrap false).
  const Stmt *BarrierLoop = nullptr;
  llvm::SmallVector<const Stmt *, 4> BarrierWaits;
  bool BarrierPhasesWrap = true;
  /// The phase of BarrierLoop that S (the worker's statement) is in: how
  /// many of the waits come before it in the loop's body, modulo their
  /// number in a loop. Nullopt outside the loop.
  std::optional<unsigned> barrierPhaseOf(const Stmt &S,
                                         const SourceManager &SM) const;
  /// The same for one of the worker's accesses: where the worker's own
  /// code makes it (its call of the callee that does, if any).
  std::optional<unsigned> barrierPhaseOf(const SharedAccess &A,
                                         const SourceManager &SM) const {
    return barrierPhaseOf(*(A.Via ? A.Via : A.Where), SM);
  }
  /// The worker orders its work with other threads without a lock around
  /// the data: a hand-off call (condition variable, future, promise, atomic
  /// load/store, latch, barrier, semaphore), or a call on a shared object
  /// of a synchronized class (one with a mutex, condition variable or
  /// atomic member: a queue, a channel). Its accesses prove nothing.
  bool HandsOff = false;
  /// One of those hand-offs can order two instances of the worker with
  /// each other (HandOffKind::Ordering: a semaphore, an atomic flag, a
  /// barrier, a future; a call on a synchronized object). A condition
  /// variable alone only hands each instance its task: instances of a
  /// pool's worker loop still run at once after their waits.
  bool OrdersInstances = false;
  /// Every hand-off of the worker is an atomic load in a loop's condition
  /// (a stop flag polled): it orders only what follows such a loop, not the
  /// accesses in its body (SharedAccess::WhilePolling).
  bool PollsOnly = false;
  /// Writes to a slot of the worker's own (`stats[id].n++`, `Stats &mine =
  /// stats[id]`), or to one parlint cannot place (UnplacedSlot): no other
  /// instance is known to meet them, but a thread that reads every slot
  /// while the worker runs does.
  llvm::SmallVector<SharedAccess, 2> OwnSlotWrites;
  /// Reads through the element a launch hands the worker (`&conns[i]`, a
  /// parameter bound to it), named by the container: no other instance
  /// reads it, but the launching thread may write that element after the
  /// start.
  llvm::SmallVector<SharedAccess, 2> OwnElementReads;
  /// Every mutex the worker's code takes, in its own code and in the
  /// functions it calls (LockKeys::Any for one it cannot name or code it
  /// cannot see).
  LockKeys Locks;
};

/// Every access of the worker's code to an object it shares with the
/// launching function. Accesses to slots of the worker's own (kept apart,
/// as OwnSlotWrites), to atomics, to locks and to objects local to the
/// worker are left out.
WorkerAccesses collectWorkerAccesses(const WorkerCode &Worker,
                                     ASTContext &Context);

/// Every access of Launcher's own code (lambdas and the launch expressions
/// themselves left out) to an object that overlaps one of Objects.
llvm::SmallVector<SharedAccess, 8>
collectLauncherAccesses(const FunctionAnalysis &Launcher,
                        llvm::ArrayRef<const Stmt *> Launches,
                        llvm::ArrayRef<ObjectPath> Objects);

/// From Name, an expression of Code designating the object Path, up to the
/// access that uses it (the assignment, the mutating call, the read):
/// nullopt when it is no access to that object (through a smart pointer,
/// to a synchronization object, `sizeof`) or when SlotOfItsOwn says an
/// index on the way addresses a slot of the accessor's own. Locks are left
/// for the caller to fill in.
std::optional<SharedAccess>
walkSharedAccess(const Expr &Name, ObjectPath Path, const FunctionAnalysis &Code,
                 llvm::function_ref<bool(const Expr &)> SlotOfItsOwn,
                 bool PointsIntoPath = false);

/// A local bound to one element of a container: `Entry &e = table.at(key);`,
/// `Entry *e = &table[key];`, `auto it = cache.find(key);` (never changed
/// afterwards), or the reference variable of a range-for over it (`for
/// (Entry &e : table)`: every element in turn). Its uses touch that element
/// of the container.
struct ElementAlias {
  const Expr *Container = nullptr; ///< the container in the initializer
  /// The index or key that picks the element; null for a range-for's
  /// variable.
  const Expr *Key = nullptr;
  /// Where a walk of this use starts: the local's name, or the iterator's
  /// `->` or `*`.
  const Expr *Use = nullptr;
  /// Use is a pointer to the element (only a use through it touches it).
  bool PointsInto = false;
  /// The container, already in this function's names, when a helper's
  /// call returns the element (`shard_for(kv, key)`, ReturnedElements;
  /// Container is null then, and Key is the call).
  std::optional<ObjectPath> ContainerPath;
  /// No element at all: the local names one whole object all along (`p =
  /// &w->player`, `dst = job->dst`), ContainerPath; its uses are that
  /// object's.
  bool WholeObject = false;
};

/// The path of an alias's container (ContainerPath, or the initializer's
/// container expression).
std::optional<ObjectPath> containerPathOf(const ElementAlias &Alias);

/// For Name, a use in Code of such a local, the alias; nullopt for any
/// other name, and for an iterator used other than through `->` or `*`.
std::optional<ElementAlias> elementAliasOf(const Expr &Name,
                                           const FunctionAnalysis &Code);

/// How an index expression of a worker relates to the worker.
enum class IndexKind {
  PerWorker,     ///< unique to the worker (its id, its loop index, a range
                 ///< of its own): addresses a slot of its own
  Shared,        ///< the same in every worker (constants, shared sizes)
  DataDependent, ///< read from data (`hist[v % 10]`): any worker may hit it
  Unknown,       ///< a call parlint cannot see into
};
IndexKind classifyWorkerIndex(const Expr &Index, const WorkerCode &Worker,
                              const FunctionAnalysis &Code);

} // namespace clang::tidy::parlint

#endif
