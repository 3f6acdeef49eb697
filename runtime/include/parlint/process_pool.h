// parlint::ProcessPool: a bounded set of forked worker processes, for work
// that needs isolation (a crash in a task kills a worker, not the program).
//
//   long sum(parlint::SharedRef<const int> part) { ... }
//   auto data = parlint::SharedArray<int>::create({n});   // BEFORE the pool
//   parlint::ProcessPool pool;                            // BEFORE any thread
//   auto f = pool.submit(&sum, parlint::SharedRef<const int>{data.data(), n});
//   long s = f.get();
//
// Tasks are a plain function pointer plus trivially copyable arguments; both
// are copied as bytes into shared memory and the result comes back the same
// way: no serialization, no pipe on the task path, and no thread in your
// process (the future waits on the task's record itself). Bulk data travels
// as SharedArray ranges (SharedRef), which workers see at the same address.
//
// Forking -- what the pool requires of its user:
//   fork() copies only the calling thread; locks held by other threads stay
//   locked forever in the child. So the constructor forks one single-threaded
//   *fork server*, which forks the workers and, later, their replacements.
//   The only fork from your process happens in the constructor: construct the
//   pool before starting threads (at the top of main). The pool itself starts
//   no thread, so several pools can be constructed one after the other.
//   Workers are copies of your process as it was then: functions, globals and
//   anonymous SharedArrays/SharedValues created before the pool are valid in
//   tasks; memory allocated later is not. Workers keep only descriptors 0-2
//   (every other descriptor is closed, so your pipes and sockets still reach
//   EOF), get the constructing thread's signal mask, and default handlers for
//   every signal you catch (ignored signals stay ignored), as after exec.
//
// Failures: an exception thrown by a task becomes parlint::RemoteTaskError
// carrying its what() text. A worker that dies while running a task makes
// that task's future throw parlint::WorkerCrashed naming the signal or exit
// status; the fork server forks a replacement and the other tasks run. If
// the fork server dies, or a worker cannot be forked, the pool is broken:
// every unfinished task, and every later submit, throws parlint::BrokenPool.
// No wait of the pool lasts longer than the task it waits for: waits check
// for a dead fork server every few milliseconds.
//
// Lifetime: shutdown(drain), which the destructor calls, runs every submitted
// task, then stops the workers and reaps the fork server (which reaped the
// workers): no zombies, no /dev/shm entries (the pool's memory is an
// anonymous shared mapping). shutdown(drop_pending) lets running tasks
// finish and fails the queued ones with std::future_error (broken_promise).
// If your process dies, the fork server sees its pipe close, kills the
// workers and exits; a worker whose fork server dies is killed
// (PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <iterator>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "parlint/detail/process_task.h"
#include "parlint/process_errors.h"
#include "parlint/process_future.h"
#include "parlint/shutdown_mode.h"

namespace parlint {

namespace detail {
class ProcessPoolCore;
}

class ProcessPool {
 public:
  // parlint::default_worker_count() workers.
  ProcessPool();
  // Throws std::invalid_argument for zero workers, std::system_error if the
  // fork server or a worker cannot be started.
  explicit ProcessPool(std::size_t workers);
  ~ProcessPool();

  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  // Runs fn(args...) in a worker. Arguments are converted to the parameter
  // types here, in the caller, and copied as bytes. Throws BrokenPool once
  // the pool is known to be broken, std::runtime_error after shutdown().
  template <class R, class... Params, class... Args>
  ProcessFuture<R> submit(R (*fn)(Params...), Args&&... args) {
    static_assert(sizeof...(Params) == sizeof...(Args), "submit: wrong number of arguments");
    static_assert((!std::is_reference_v<Params> && ...),
                  "ProcessPool tasks take their parameters by value: a reference would point "
                  "into the caller's memory, which the worker process does not share");
    static_assert((std::is_trivially_copyable_v<Params> && ...),
                  "ProcessPool task parameters must be trivially copyable: they cross into the "
                  "worker process as raw bytes (pass bulk data as parlint::SharedRef)");
    static_assert(std::is_void_v<R> || std::is_trivially_copyable_v<R>,
                  "a ProcessPool task's result must be trivially copyable (or void): it comes "
                  "back from the worker process as raw bytes");
    using Layout = detail::ArgLayout<Params...>;
    static_assert(Layout::offsets.total <= detail::kProcessMaxArgBytes,
                  "ProcessPool task arguments are limited to 120 bytes; pass bulk data as "
                  "parlint::SharedRef");
    static_assert(((alignof(Params) <= detail::kProcessMaxAlign) && ...),
                  "ProcessPool task parameters must not be over-aligned (16 bytes at most)");
    if constexpr (!std::is_void_v<R>) {
      static_assert(sizeof(R) <= detail::kProcessMaxResultBytes,
                    "a ProcessPool task's result is limited to 64 bytes; write bulk results "
                    "into a SharedArray");
      static_assert(alignof(R) <= detail::kProcessMaxAlign,
                    "a ProcessPool task's result must not be over-aligned (16 bytes at most)");
    }
    alignas(detail::kProcessMaxAlign) unsigned char args_bytes[detail::kProcessMaxArgBytes] = {};
    detail::pack_arguments(args_bytes, fn, std::index_sequence_for<Params...>{},
                           std::forward<Args>(args)...);
    return ProcessFuture<R>(core_.get(), enqueue(&detail::trampoline<R, Params...>, args_bytes));
  }

  // Returns {fn(x) for x in inputs}, in input order; rethrows the first
  // failure in input order (the other tasks still run).
  template <class R, class Param, class Range>
  std::vector<R> map(R (*fn)(Param), const Range& inputs) {
    static_assert(!std::is_void_v<R>, "ProcessPool::map needs fn to return a value");
    std::vector<ProcessFuture<R>> futures;
    if constexpr (std::is_base_of_v<std::forward_iterator_tag,
                                    typename std::iterator_traits<decltype(std::begin(inputs))>::iterator_category>)
      futures.reserve(static_cast<std::size_t>(std::distance(std::begin(inputs), std::end(inputs))));
    for (const auto& input : inputs) futures.push_back(submit(fn, input));
    std::vector<R> results;
    results.reserve(futures.size());
    for (auto& future : futures) results.push_back(future.get());
    return results;
  }

  // Blocks until every task submitted so far has finished (or failed: the
  // errors stay in the futures).
  void wait_idle();

  // Stops accepting tasks, then runs (drain) or fails (drop_pending) the
  // queued ones, stops the workers and reaps the fork server. Idempotent;
  // the destructor calls shutdown(drain).
  void shutdown(ShutdownMode mode = ShutdownMode::drain);

  std::size_t size() const;
  // Pids of the current workers, all known once the constructor returns (0
  // for a slot whose worker is being replaced after a crash).
  std::vector<pid_t> worker_pids() const;
  pid_t fork_server_pid() const;
  // Same as parlint::default_worker_count().
  static std::size_t default_workers();

 private:
  detail::TaskState* enqueue(detail::ProcessTrampoline invoke, const unsigned char* args);

  std::unique_ptr<detail::ProcessPoolCore> core_;
};

}  // namespace parlint
