// parlint's runtime (runtime/include/parlint/) as the fix-its write it: the
// names and headers of the replacements, and the one default worker count
// every fix-it uses. Written once, so a check that rewrites onto the runtime
// and a check that replaces a literal count agree.
#ifndef PARLINT_CHECKS_MODEL_RUNTIMEAPI_H
#define PARLINT_CHECKS_MODEL_RUNTIMEAPI_H

#include "llvm/ADT/StringRef.h"

namespace clang::tidy::parlint::runtime {

/// The default number of workers: one per hardware thread, at least one
/// (std::thread::hardware_concurrency() may report 0). An `unsigned`.
constexpr llvm::StringLiteral DefaultWorkerCount =
    "parlint::default_worker_count()";
constexpr llvm::StringLiteral WorkerCountHeader = "<parlint/worker_count.h>";

/// The bounded thread pool. Default-constructed, it starts
/// DefaultWorkerCount workers, so a rewrite declares it without arguments.
/// What a rewrite calls on it (a pool type of the project's own must offer
/// the same): submit(f, args...) returns std::future<R> of the
/// decay-copied call; post(f, args...) runs it with std::thread's
/// decay-copy semantics and no future; wait_idle() waits for every task and
/// rethrows the first exception a posted task threw.
constexpr llvm::StringLiteral ThreadPoolType = "parlint::ThreadPool";
constexpr llvm::StringLiteral ThreadPoolHeader = "<parlint/thread_pool.h>";
constexpr llvm::StringLiteral PoolWaitIdle = "wait_idle";

/// The one process-wide ThreadPool (default_worker_count() workers, started
/// as tasks arrive), shared by every TaskGroup not given a pool of its own.
constexpr llvm::StringLiteral DefaultPool = "parlint::default_pool()";

/// A group of tasks on a pool (DefaultPool when default-constructed, so a
/// rewrite that declares one starts no thread of its own). post(f, args...)
/// and submit(f, args...) as ThreadPool's; wait() waits for the group's own
/// tasks only and rethrows the first exception a posted task threw; the
/// destructor waits too (dropping such an exception).
constexpr llvm::StringLiteral TaskGroupType = "parlint::TaskGroup";
constexpr llvm::StringLiteral TaskGroupHeader = "<parlint/task_group.h>";
constexpr llvm::StringLiteral TaskGroupWait = "wait";

/// A std::thread that joins in its destructor, for C++17 (std::jthread's
/// stand-in without the stop token): constructed with std::thread's
/// arguments, with join/detach/joinable/get_id/native_handle/swap.
constexpr llvm::StringLiteral ScopedThreadType = "parlint::ScopedThread";
constexpr llvm::StringLiteral ScopedThreadHeader = "<parlint/scoped_thread.h>";

} // namespace clang::tidy::parlint::runtime

#endif
