// Which locks a body of code holds at each of its statements, on every path
// (a forward "must" dataflow over the CFG): a lock_guard, scoped_lock,
// unique_lock or shared_lock from its declaration to its destructor (a
// deferred unique_lock from its lock()), a unique_lock between unlock() and
// lock() is not held, a mutex between m.lock() and m.unlock() (and the
// pthread_mutex_* calls), a guard class of the program for its scope, the
// object a lock through a function pointer or a lock-named macro names
// (`LOCK(x)` ... `UNLOCK(x)`, model's indirectLockOf), also when the call
// is skipped for a null lock object (`if (l) lock(l)`: the null path is a
// build without threads, which has no lock to take). Locks parlint cannot
// name (a guard without a mutex argument it can
// resolve, a call of the program named like `acquire()` or `lockTable()`)
// are held as wildcards: they may be any lock.
#ifndef PARLINT_CHECKS_ANALYSIS_LOCKSCOPES_H
#define PARLINT_CHECKS_ANALYSIS_LOCKSCOPES_H

#include "../common/AnalysisCache.h"
#include "ObjectPath.h"
#include "../model/Synchronization.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>
#include <vector>

namespace clang::tidy::parlint {

struct HeldLock {
  /// The mutex, in the body's own names; nullopt for a wildcard.
  std::optional<ObjectPath> Mutex;
  /// The guard object holding it, null for a direct m.lock().
  const VarDecl *Guard = nullptr;
  /// Held in shared (reader) mode: std::shared_lock, lock_shared(),
  /// pthread_rwlock_rdlock. Other holders in shared mode run at once.
  bool Shared = false;
  /// A stripe: a lock picked from an array by an index that varies
  /// (`&locks[h % N]`, `&b->lock` with `b = &set->buckets[h]`). The array,
  /// in the body's names. Two threads may hold different stripes at once.
  std::optional<ObjectPath> Stripes = std::nullopt;
  /// Where a stripe was named (`&locks[h % N]`), for notes.
  const Expr *StripeNamedAt = nullptr;
  bool operator==(const HeldLock &Other) const {
    return Mutex == Other.Mutex && Guard == Other.Guard &&
           Shared == Other.Shared && Stripes == Other.Stripes;
  }
};
using LockSet = llvm::SmallVector<HeldLock, 2>;

/// The held locks that guard an access to Accessed (in the body's names) at
/// Where. A stripe guards only what is reached through an element: of its
/// own array, of any array the access subscripts, or through a local the
/// body picked. A set-wide total (`set->count++`, `entries_.emplace(..)`)
/// under a stripe is touched by two threads holding two stripes.
/// Unguarded, when given, is set to where a stripe left out was named.
LockSet locksGuarding(LockSet Held, const ObjectPath &Accessed,
                      const Expr &Where, const Expr **Unguarded = nullptr);

/// Whether two accesses holding A and B exclude each other: both hold a
/// lock, and they share one (a wildcard shares with any lock) that at least
/// one of them holds exclusively (two readers of a shared_mutex run at once).
bool sharesLock(llvm::ArrayRef<HeldLock> A, llvm::ArrayRef<HeldLock> B);

/// How a local variable holds locks, if it is a guard (a guard class of
/// the library or of the program), and the construction that gives it its
/// mutexes.
GuardKind guardOf(const VarDecl &Var, const CXXConstructExpr *&Construct);

class LockScopes {
public:
  explicit LockScopes(const FunctionAnalysis &Body);

  /// The locks held on every path that reaches S, just before S is
  /// evaluated. A statement on no path, or a body without a CFG, holds a
  /// wildcard (nothing is known, so nothing is claimed).
  LockSet heldAt(const Stmt &S) const;
  /// Whether the body takes any lock at all.
  bool takesLocks() const { return TakesLocks; }

private:
  using State = LockSet;
  LockSet heldOnEveryPathAt(const Stmt &S) const;
  /// A loop that locks, or unlocks, every element of an array of mutexes
  /// (`for (i = 0; i < N; ++i) pthread_mutex_lock(&locks[i]);`, `for (auto
  /// &m : stripes_) m.lock();`): the array, named as its element locks are.
  struct EveryElement {
    ObjectPath Array;
    bool Locks = true;
  };
  std::optional<EveryElement> everyElementLockedBy(const Stmt &Loop) const;
  /// The dataflow loses a lock taken in a loop (the path that skips the
  /// loop holds nothing), so a statement after a loop that locks every
  /// element of an array, in the same block or one around it, with no
  /// loop unlocking them in between, holds that array's lock.
  void addLocksOfEarlierLoops(const Stmt &S, LockSet &Held) const;
  void compute() const;
  void transfer(const CFGElement &Element, State &Held) const;
  void transferCall(const CallExpr &Call, State &Held) const;
  void recordGuard(const VarDecl &Var, State &Held) const;
  /// The lock an expression naming a mutex holds, with its stripe array.
  HeldLock lockOn(const Expr *Mutex, const VarDecl *Guard) const;
  /// The lock object a lock or unlock call names (`pthread_mutex_lock(m)`,
  /// `fns.lock(mode, l)`), or nullopt when it names none or several.
  std::optional<ObjectPath> lockedObjectOf(const CallExpr &Call) const;
  /// When Block ends in `if (l) <lock or unlock call on l>;` (`l`,
  /// `l != NULL`, `l != 0`; the call the whole then-branch, no else), that
  /// call: on the branch where l is null it counts as done.
  const CallExpr *nullGuardedLockCall(const CFGBlock &Block) const;
  /// When Block ends in `if` testing whether a try-lock succeeded (a
  /// guard's owns_lock() or operator bool, try_lock(), a pthread trylock
  /// compared with 0, each maybe negated): the lock tried, and the
  /// successor on which it failed.
  struct TryTest {
    const VarDecl *Guard = nullptr;
    std::optional<ObjectPath> Mutex;
    unsigned FailureSuccessor = 1;
  };
  std::optional<TryTest> tryLockTestOf(const CFGBlock &Block) const;

  const FunctionAnalysis &Body;
  bool TakesLocks = false;
  mutable bool Computed = false;
  mutable std::vector<std::optional<State>> In;
  /// The loops of the body that lock or unlock every element of an array
  /// (everyElementLockedBy), found once.
  mutable std::optional<llvm::SmallPtrSet<const Stmt *, 2>> EveryElementLoops;
  /// The mutexes each guard variable locks (for unique_lock::lock()).
  mutable llvm::DenseMap<const VarDecl *, llvm::SmallVector<HeldLock, 2>>
      GuardMutexes;
};

} // namespace clang::tidy::parlint

#endif
