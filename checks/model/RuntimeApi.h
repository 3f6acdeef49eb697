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

/// A std::thread that joins in its destructor, for C++17 (std::jthread's
/// stand-in without the stop token): constructed with std::thread's
/// arguments, with join/detach/joinable/get_id/native_handle/swap.
constexpr llvm::StringLiteral ScopedThreadType = "parlint::ScopedThread";
constexpr llvm::StringLiteral ScopedThreadHeader = "<parlint/scoped_thread.h>";

} // namespace clang::tidy::parlint::runtime

#endif
