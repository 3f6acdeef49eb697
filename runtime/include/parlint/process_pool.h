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
// way: no serialization, no pipe on the task path. Bulk data travels as
// SharedArray ranges (SharedRef), which workers see at the same address.
//
// Forking and threads -- what the pool requires of its user:
//   fork() copies only the calling thread; locks held by other threads stay
//   locked forever in the child. So the constructor forks one single-threaded
//   *fork server*, which forks the workers and, later, their replacements.
//   The only fork from your process happens in the constructor: construct the
//   pool before starting threads (at the top of main, like the ThreadPool's
//   users should). Workers are copies of your process as it was then:
//   functions, globals and anonymous SharedArrays/SharedValues created before
//   the pool are valid in tasks; memory allocated later is not (pointers to it
//   are meaningless there). Named shared memory can be opened in a task.
//
// Crashes: a worker that dies (signal, abort, _exit) while running a task
// makes that task's future throw parlint::WorkerCrashed naming the signal or
// exit status; the fork server reaps it and forks a replacement, and the
// remaining tasks run normally. An exception thrown by a task becomes
// parlint::RemoteTaskError carrying its what() text.
//
// Lifetime: the destructor waits for every submitted task, stops the workers,
// and reaps the fork server (which reaped the workers): no zombies. The pool
// creates no /dev/shm entries (its memory is an anonymous shared mapping).
// If the parent dies, the fork server sees its pipe close and kills the
// workers; a worker whose fork server dies is killed too (PR_SET_PDEATHSIG).
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "parlint/detail/process_task.h"

namespace parlint {

// A worker process died while running the task.
class WorkerCrashed : public std::runtime_error {
 public:
  WorkerCrashed(const std::string& what, int signal_number, int exit_status)
      : std::runtime_error(what), signal_(signal_number), exit_status_(exit_status) {}
  // The signal that killed the worker, or 0 if it exited.
  int signal_number() const { return signal_; }
  // The worker's exit status, or -1 if a signal killed it.
  int exit_status() const { return exit_status_; }

 private:
  int signal_;
  int exit_status_;
};

// The task threw an exception in the worker; what() is the original text
// (truncated to 159 bytes; the original type cannot cross processes).
class RemoteTaskError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

namespace detail {
class ProcessPoolCore;
}

class ProcessPool {
 public:
  // One worker per core (std::thread::hardware_concurrency(), at least 1).
  ProcessPool();
  // Throws std::invalid_argument for zero workers, std::system_error if the
  // fork server cannot be started.
  explicit ProcessPool(std::size_t workers);
  ~ProcessPool();

  ProcessPool(const ProcessPool&) = delete;
  ProcessPool& operator=(const ProcessPool&) = delete;

  // Runs fn(args...) in a worker. Arguments are converted to the parameter
  // types here, in the caller, and copied as bytes.
  template <class R, class... Params, class... Args>
  std::future<R> submit(R (*fn)(Params...), Args&&... args) {
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
    auto pending = std::make_unique<detail::PendingResult<R>>();
    std::future<R> future = pending->promise.get_future();
    enqueue(&detail::trampoline<R, Params...>, args_bytes, std::move(pending));
    return future;
  }

  std::size_t size() const;
  // Pids of the current workers (0 for a slot whose worker is being replaced).
  std::vector<pid_t> worker_pids() const;
  pid_t fork_server_pid() const;
  static std::size_t default_workers();

 private:
  void enqueue(detail::ProcessTrampoline invoke, const unsigned char* args,
               std::unique_ptr<detail::PendingTask> pending);

  std::unique_ptr<detail::ProcessPoolCore> core_;
};

}  // namespace parlint
