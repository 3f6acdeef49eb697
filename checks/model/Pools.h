// Facts about worker pools shared by the checks: which classes are thread
// pools (parlint's, Boost.Asio's and standalone Asio's, BS::thread_pool,
// CTPL, dp::thread_pool, oneTBB's task_group and task_arena, Taskflow's
// Executor, the common single-header `ThreadPool` with `enqueue`, and the
// project's own from parlint.PoolTypes), which of their member calls queue a
// task and which wait for the queued work, the default list of the checks'
// `PoolTypes` options, and which constructor argument of a pool is its
// number of workers.
#ifndef PARLINT_CHECKS_MODEL_POOLS_H
#define PARLINT_CHECKS_MODEL_POOLS_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::tidy::parlint {

/// The default of every check's `PoolTypes` option.
constexpr llvm::StringLiteral DefaultPoolTypes = "boost::asio::thread_pool";

/// A class whose objects run queued tasks on threads of their own: one of
/// the libraries above, or a class the project names in parlint.PoolTypes
/// (common/ProjectConfig.h). parlint::ProcessPool is not (its tasks run in
/// processes).
bool isThreadPoolClass(const CXXRecordDecl *Record);

/// The pools every check knows: the thread pools above and
/// parlint::ProcessPool.
bool isKnownPool(const CXXRecordDecl *Record);

/// A member call that queues a task on a thread pool.
struct PoolTaskCall {
  /// The pool object (the call's implicit object argument).
  const Expr *Pool = nullptr;
  /// Index of the callable among the call's arguments; the ones after it
  /// are handed to it (decay-copied, as std::bind and std::thread do).
  unsigned CallableIndex = 0;
  /// Arguments the pool passes to the callable before the call's own: CTPL
  /// passes the worker's id first.
  unsigned LeadingWorkerArguments = 0;
  /// The task group the task is attached to, when an argument is one
  /// (oneTBB's `arena.enqueue(f, tg)`): its wait waits for the task, not the
  /// pool's.
  const Expr *Group = nullptr;
};

/// The task Call queues (parlint::ThreadPool::submit/post,
/// BS::thread_pool::detach_task/submit_task/push_task/submit,
/// ctpl::thread_pool::push, dp::thread_pool::enqueue(_detach),
/// tbb::task_group::run, tbb::task_arena::enqueue, tf::Executor::async /
/// silent_async, ThreadPool::enqueue, parlint.PoolTaskMethods of
/// parlint.PoolTypes, and a public member function of a pool the project
/// implements (isPoolImplementation) that takes a callable and adds to the
/// pool's task queue: `pool.submit(f)`), or nullopt.
std::optional<PoolTaskCall> poolTaskCall(const CXXMemberCallExpr &Call);

/// A library pool's wait after which every queued task has run (oneTBB's
/// wait and run_and_wait, Asio's join and wait, BS's wait...): not one that
/// drops the queue (Asio's stop).
bool finishesPoolWork(const CXXMemberCallExpr &Call);

/// Whether the model lists the member functions that queue work on the pool
/// Call is made on (a library pool with task methods: BS, CTPL, dp, oneTBB,
/// Taskflow, parlint, the single-header ThreadPool). Another member function
/// of such a pool queues nothing, whatever its name (oneTBB's
/// `task_group::defer` only makes a handle).
bool knowsTaskMethods(const CXXMemberCallExpr &Call);

/// A member call after which a thread pool's queued tasks have run or were
/// dropped: wait_idle/shutdown, join/wait/stop, wait_for_tasks,
/// wait_for_all, oneTBB's run_and_wait, and parlint.PoolWaitMethods of parlint.PoolTypes. The pool
/// is the object's class (the function may be a base's).
bool waitsForPoolWork(const CXXMemberCallExpr &Call);

/// A member call after which the pool's threads have ended: parlint's
/// shutdown, Asio's join/wait, CTPL's stop; join or shutdown of a
/// pool the model does not know. (BS::thread_pool's wait only waits for
/// the tasks: its threads run on.)
bool stopsPoolThreads(const CXXMemberCallExpr &Call);

/// For a library pool whose destructor abandons the work still queued
/// (Boost.Asio's and Asio's thread_pool stop and drop it; oneTBB's
/// task_group cancels it and throws missing_wait), the member function to
/// call before: "join", "wait". Empty for any other class.
StringRef waitBeforeDestruction(const CXXRecordDecl *Record);

/// Whether Record is a known pool or one of PoolTypes (names as isNamed
/// takes them; without a leading "::" they match a qualified suffix).
bool isPoolClass(const CXXRecordDecl *Record,
                 llvm::ArrayRef<llvm::StringRef> PoolTypes);

/// The argument of a pool construction that gives its number of workers:
/// the first argument whose parameter has an integer type (defaulted
/// arguments excluded), or null.
const Expr *workerCountArgument(const CXXConstructExpr &Construct,
                                llvm::ArrayRef<llvm::StringRef> PoolTypes);

/// A call that blocks until another thread acts: a condition variable's,
/// barrier's, latch's or semaphore's wait, std::atomic::wait, a future's
/// get() or wait(), a thread's join(), pthread_cond_wait,
/// pthread_barrier_wait, pthread_join, sem_wait. A thread per item may wait
/// for another item's thread; a task on a bounded pool that does can wait for
/// a task queued behind it, which never starts.
bool waitsForAnotherThread(const CallExpr &Call);

/// Whether Record is itself a thread pool: a known pool, or a class that
/// keeps worker threads in a member (a container or array of std::thread,
/// std::jthread or pthread_t) next to a queue of tasks (a container of
/// callables: std::function, std::packaged_task, a function pointer, a class
/// with operator(), or a struct holding one of those). Messages inside such a
/// class recommend "a bounded pool" without naming parlint's.
bool isPoolImplementation(const CXXRecordDecl *Record);

} // namespace clang::tidy::parlint

#endif
