// Facts about worker pools shared by the checks: the default list of pool
// types of the `PoolTypes` options, and which constructor argument of a pool
// is its number of workers.
#ifndef PARLINT_CHECKS_MODEL_POOLS_H
#define PARLINT_CHECKS_MODEL_POOLS_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::parlint {

/// The default of every check's `PoolTypes` option.
constexpr llvm::StringLiteral DefaultPoolTypes = "boost::asio::thread_pool";

/// The pools every check knows without configuration: parlint's own and
/// Boost.Asio's (`::parlint::ThreadPool`, `::parlint::ProcessPool`,
/// `::boost::asio::thread_pool`).
bool isKnownPool(const CXXRecordDecl *Record);

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
