// Facts about synchronization and shared data, written once: what a mutex,
// a lock guard, an atomic and a hand-off primitive are, which member calls
// lock and unlock, which calls modify a standard container, and which
// subscripts address a slot of their own (a vector's) and which insert (a
// map's).
#ifndef PARLINT_CHECKS_MODEL_SYNCHRONIZATION_H
#define PARLINT_CHECKS_MODEL_SYNCHRONIZATION_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Type.h"

namespace clang::tidy::parlint {

/// A standard or Boost mutex type, or a class of the program that is
/// BasicLockable (it has lock() and unlock(), or Lock() and Unlock()).
bool isMutexClass(const CXXRecordDecl *Record);
/// The same for the type of an expression or variable (references and
/// pointers to a mutex count: `std::mutex *m`).
bool isMutexType(QualType Type);
/// The same, C's locks included: pthread_mutex_t, pthread_rwlock_t,
/// pthread_spinlock_t, C11's mtx_t.
bool isLockType(QualType Type);

/// How a local object of this class holds a lock.
enum class GuardKind {
  None,
  Scoped, ///< std::lock_guard, std::scoped_lock: held until destroyed
  Unique, ///< std::unique_lock, std::shared_lock: also lock()/unlock()
  Custom, ///< a class of the program whose constructor takes a mutex, or
          ///< whose name says it guards (`MutexLock`, `SpinGuard`)
};
GuardKind guardKindOf(const CXXRecordDecl *Record);

/// A guard that holds its mutex in shared (reader) mode: std::shared_lock,
/// boost::shared_lock.
bool guardLocksShared(const CXXRecordDecl *Record);
/// A lock call that takes the mutex in shared mode: lock_shared,
/// try_lock_shared*, LockShared, ReaderLock, pthread_rwlock_rdlock and its
/// try form.
bool locksShared(const CallExpr &Call);

/// What a construction of a guard does at once, from its tag argument.
enum class GuardStart {
  Locked,   ///< plain, std::adopt_lock
  Deferred, ///< std::defer_lock: not held until lock()
  Tried,    ///< std::try_to_lock: held only if owns_lock()
};
GuardStart guardStartOf(const CXXConstructExpr &Construct);

/// What a call does to a lock (a mutex's or a guard's member function, or
/// pthread_mutex_*).
enum class LockOp { None, Lock, TryLock, Unlock };
LockOp lockOpOf(const CallExpr &Call);

/// A call to a function of the program whose name says it takes or releases
/// a lock (`acquire()`, `lockTable()`, `EnterCriticalSection`): the check
/// cannot see which lock, so it assumes one (unless its body shows it
/// orders nothing: ordersNothingAsLock).
LockOp namedLockOpOf(const CallExpr &Call);

/// A function of the program whose visible body orders threads only through
/// atomic operations that all name `memory_order_relaxed` (a spin lock
/// written with relaxed exchanges and stores): whatever its name says, it
/// orders nothing, so namedLockOpOf does not take it for a lock. A body
/// with any other order, a fence, a mutex or a call of the program's own
/// code may synchronize and keeps its name's meaning.
bool synchronizesOnlyRelaxed(const FunctionDecl &Helper);

/// A lock helper of the program that orders nothing: its own body orders
/// only through relaxed atomics (above), or the unlock named like it
/// (`spin_unlock` for `spin_lock`) does, so whatever it acquires was never
/// released to it. Neither is a lock (namedLockOpOf), and their atomics
/// are no hand-off: a call of one synchronizes nothing.
bool ordersNothingAsLock(const FunctionDecl &Helper);
/// A BasicLockable class of the program whose lock() orders nothing
/// (ordersNothingAsLock: `test_and_set(acquire)` paired with a relaxed
/// `clear` in unlock()): it excludes, but publishes nothing, so it is no
/// lock for what is written under it.
bool isOrderlessLockClass(const CXXRecordDecl *Record);

/// A lock taken or released through indirection: a call through a function
/// pointer (a variable, a field of a table of functions such as
/// `lock_fns.lock(mode, x)`, a pointer to member) whose pointer's name says
/// lock or unlock, or a call of a program's function written by a macro
/// whose name says so (`LOCK(x)`, `UNLOCK(x)`). Names are matched by words:
/// lock, acquire, enter take; unlock, release, leave release (`clockTick`
/// and `blockSignals` are no locks). Object is the lock it names: the one
/// argument that is an object or a pointer, null when there is none or
/// several (then it may be any lock).
struct IndirectLock {
  LockOp Op = LockOp::None;
  const Expr *Object = nullptr;
};
IndirectLock indirectLockOf(const CallExpr &Call, ASTContext &Context);

/// std::atomic, std::atomic_ref, std::atomic_flag, boost::atomic, a C
/// _Atomic type, or parlint::SharedValue.
bool isAtomicType(QualType Type);

/// How a hand-off call orders threads.
enum class HandOffKind {
  None,
  /// A condition variable's wait or notify (std::condition_variable[_any],
  /// pthread_cond_*): how a pool's workers take tasks. It orders each worker
  /// with the thread that queued its task, not two workers with each other:
  /// after the wait returns and the lock is released, they run at once.
  Dispatch,
  /// Promises and futures, latches, barriers, semaphores, atomic loads,
  /// stores, exchanges and waits, std::call_once, fences, pthread barriers,
  /// POSIX semaphores: any threads, workers of one kind too, may take turns
  /// through them (a semaphore or an atomic flag used as a lock).
  Ordering,
};

/// A call through which two threads can order their work without a lock
/// around the data, and how (above). Atomic counters, `fetch_add` and `++`,
/// order nothing; a count-down (`fetch_sub`, `--`, not relaxed) orders each
/// decrementer with the thread that reads the count it left (Dispatch).
HandOffKind handOffKindOf(const CallExpr &Call);
inline bool isHandOffCall(const CallExpr &Call) {
  return handOffKindOf(Call) != HandOffKind::None;
}

/// A condition variable's notify (`cv.notify_one()`, `notify_all`,
/// `pthread_cond_signal`, `pthread_cond_broadcast`): it wakes a waiter and
/// publishes nothing; the waiter sees what the notifier wrote only through
/// the mutex both take.
bool isConditionNotify(const CallExpr &Call);

/// The lock a condition variable's wait releases and takes again before it
/// returns (`pthread_cond_wait(&cv, &m)`'s `&m`, `cnd_wait`'s, the guard or
/// mutex of `cv.wait(lock)`); null for any other call.
const Expr *conditionWaitLock(const CallExpr &Call);

/// The predicate a std::condition_variable's wait, wait_for or wait_until
/// runs in the waiting thread, with the lock held (`cv.wait(lock, [this] {
/// return closing_ || !jobs_.empty(); })`): a lambda written at the call;
/// or null.
const LambdaExpr *waitPredicateOf(const CallExpr &Call);

/// A call that only takes what another thread published and releases
/// nothing of its own: an atomic load, `sem_wait` (and its try and timed
/// forms), a future's `get` or `wait`, a latch's `wait`, a semaphore's
/// `acquire`. What the caller wrote before it stays unpublished.
bool onlyAcquires(const CallExpr &Call);

/// The two sides of a signal through one synchronization object, for a
/// statement S: the object a release makes ready for its waiter
/// (`sem_post(&r->done)`, `r->done.release()`, `r->left.count_down()`,
/// `r->ready.store(true)`, `r->ready = 1` on an _Atomic), and the object an
/// acquire waits for or looks at (`sem_wait(&r->done)`, `acquire()`, a
/// latch's `wait()`, an atomic load). Null for anything else, relaxed
/// atomics included.
/// A promise's `set_value`/`set_exception` is a release; its acquire is
/// the get() or wait() of the future it handed out, which names no
/// promise (isPromiseType).
const Expr *releasedObjectOf(const Stmt &S);
const Expr *acquiredObjectOf(const Stmt &S);
/// Whether Condition, when it evaluates to Holds, is true for at most one
/// of the threads that run it: a read-modify-write ticket compared with a
/// constant (`remaining.fetch_sub(1) == 1`, `--left == 0`,
/// `atomic_fetch_add(&n, 1) == N - 1`: every caller gets another value),
/// or the first result of a claim (`!flag.exchange(true)`,
/// `!flag.test_and_set()`, `atomic_exchange(&f, 1) == 0`,
/// `!__sync_lock_test_and_set(&f, 1)`: only the first caller finds it
/// unset), or the thread a pthread barrier elects
/// (`pthread_barrier_wait(&b) == PTHREAD_BARRIER_SERIAL_THREAD`, once per
/// round). What runs under it runs in one thread at a time.
bool selectsOneCaller(const Expr &Condition, bool Holds, ASTContext &Context);

/// std::promise: its waiter is whoever holds its future.
bool isPromiseType(QualType Type);
/// A future's get() or wait*(): the acquire of its promise's release.
bool isFutureWait(const CallExpr &Call);

/// A call after which this thread may see what another thread wrote before
/// it published it: one that waits for another thread (model/Pools'
/// waitsForAnotherThread: a join, a future's get, a condition variable's,
/// latch's or semaphore's wait), or an atomic load, exchange or test.
/// Stores, notifies and counters publish or count; they observe nothing.
bool observesAnotherThread(const CallExpr &Call);

/// An atomic operation whose every memory order argument is relaxed
/// (`ready.store(true, std::memory_order_relaxed)`,
/// `std::atomic_load_explicit(&a, std::memory_order_relaxed)`): it orders
/// nothing around it, so it is no hand-off and observes nothing.
bool isRelaxedAtomicCall(const CallExpr &Call);

/// A plain atomic load: `flag.load()`, a conversion (`if (done_)`),
/// `atomic_load(&flag)`. It only looks at a value another thread set.
bool isAtomicLoad(const CallExpr &Call);

/// The same three questions for C11's atomic_* operations and the GNU
/// __atomic builtins, which Clang's AST holds as AtomicExpr, not calls:
/// loads, stores, exchanges and compare-exchanges order threads unless
/// every order they name is relaxed; read-modify-write counters
/// (`atomic_fetch_add`) and initialization order nothing.
HandOffKind handOffKindOf(const AtomicExpr &Atomic);
bool observesAnotherThread(const AtomicExpr &Atomic);
bool isAtomicLoad(const AtomicExpr &Atomic);

/// A read-modify-write step of an atomic counter that hands its caller a
/// ticket no other caller gets: `head_.fetch_add(1)`, `++next_` on a
/// std::atomic or a C _Atomic, `atomic_fetch_add(&n, 1)`,
/// `__atomic_fetch_add`, `__sync_fetch_and_add` (and their sub forms).
bool isAtomicTicket(const Expr &E);

/// An object whose own operations are synchronized, so touching it from
/// several threads is not a data race on it: a mutex, a guard, an atomic, a
/// condition variable, a thread, a future, a promise, a latch, a barrier, a
/// semaphore, a once_flag, a thread pool, an executor.
bool isSynchronizationObject(QualType Type);

/// A class of the program that synchronizes its own members: it has a
/// mutex, a condition variable or an atomic among its fields (a queue, a
/// channel, a counter). Calling it can order two threads.
bool isSynchronizedClass(const CXXRecordDecl *Record);

/// The object a member call of a synchronized class (above) is made on
/// (`queue.push(x)`: `queue`), null for any other call. Such a call orders
/// two threads when both reach the same object.
const Expr *synchronizedCallObject(const CallExpr &Call);

/// A standard container or string (vector, deque, list, forward_list, map,
/// multimap, set, multiset, their unordered forms, basic_string, queue,
/// stack, priority_queue, valarray).
bool isStdContainer(const CXXRecordDecl *Record);

/// A standard container's method that reads its size, not its elements
/// (`size()`, `empty()`, `capacity()`): a write to an element does not meet
/// it.
bool readsNoElement(const CXXMethodDecl *Method);

/// A member function of a standard container that changes its elements or
/// size: push_back, emplace_back, insert, erase, resize, clear, and their
/// kin (push_front, pop_back, assign, swap, try_emplace, append, ...).
bool mutatesContainer(const CXXMethodDecl *Method);

/// A container method that only adds elements and leaves every existing
/// one where it is: an insertion into a node-based container (map, set,
/// list and their kin), or into any standard container of pointers (a
/// vector of unique_ptr moves the pointers, not what they point to). A write
/// inside an existing element, or its pointee, does not meet it.
bool insertsLeavingElements(const CXXMethodDecl *Method);

/// operator[] of std::map or std::unordered_map: it inserts a missing key.
bool subscriptInserts(const CXXMethodDecl *Method);

/// A type whose subscript addresses an element of its own that no other
/// index reaches: a built-in array or pointer, std::vector, std::array,
/// std::deque, std::span, std::valarray, std::basic_string. Not
/// std::vector<bool>, whose elements share words.
bool hasSlotSubscript(QualType Type);

} // namespace clang::tidy::parlint

#endif
