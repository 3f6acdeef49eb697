// parlint::ThreadPool: a bounded pool of worker threads, the replacement
// parlint recommends for thread-per-task code.
//
// Design (see docs/runtime-thread-pool.md for the measurements behind it):
// - Each worker owns a deque. Tasks submitted by a worker go to its own deque
//   (popped LIFO by the owner, stolen FIFO by idle workers); tasks submitted
//   from outside go to one shared FIFO queue, taken by workers in batches.
// - Workers start as tasks arrive (never more than tasks in flight). A few
//   idle workers search for work briefly, the rest sleep; a submitter wakes
//   one only when none searches, so a submission is usually one load.
//   Workers beyond the cores therefore cost a submitter nothing.
// - parallel_for/map cut the range into pieces claimed with one atomic
//   compare-and-swap each, large first and small at the end; the calling
//   thread works on pieces too, with at most one helper fewer than cores.
//
// Lifetime: the destructor is shutdown(ShutdownMode::drain): every queued
// task still runs, then the workers are joined. shutdown(drop_pending)
// discards queued tasks instead; their futures then throw std::future_error
// with std::future_errc::broken_promise, so no caller hangs.
//
// Waiting inside a task: a task that submits work to its own pool and waits
// for it must wait with pool.wait(future) (or pool.get(future)), which runs
// other queued tasks while the future is not ready. A plain future.get()
// inside a worker cannot help and can deadlock once every worker waits.
// parallel_for and map called from a task help on their own.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>
#include <future>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "parlint/detail/pool_bulk.h"
#include "parlint/detail/pool_task.h"
#include "parlint/shutdown_mode.h"
#include "parlint/worker_count.h"

namespace parlint {

namespace detail {
class PoolCore;
struct PoolAccess;

// f(args...) as a packaged task, f and args decay-copied (reference_wrappers
// unwrapped) like std::async's: what submit() of a pool and of a group runs.
template <class F, class... Args>
auto package_call(F&& f, Args&&... args) {
  using R = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>;
  return std::packaged_task<R()>(
      [fn = std::forward<F>(f), bound = std::make_tuple(std::forward<Args>(args)...)]() mutable -> R {
        return std::apply(std::move(fn), std::move(bound));
      });
}
}  // namespace detail

class TaskGroup;

class ThreadPool {
 public:
  // parlint::default_worker_count() workers at most. No thread starts here.
  ThreadPool();
  // Throws std::invalid_argument for zero threads.
  explicit ThreadPool(std::size_t threads);
  ~ThreadPool();

  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Same as parlint::default_worker_count().
  static std::size_t default_thread_count() noexcept;
  // The most workers the pool runs (the constructor's count).
  std::size_t size() const noexcept;
  // Workers started so far: they start as tasks arrive, one more only when
  // a task is queued and no started worker is free for it, so this never
  // exceeds the most tasks the pool has had queued or running at once.
  std::size_t threads_started() const;
  // True when the calling thread is one of this pool's workers.
  bool in_worker() const noexcept;

  // Runs f(args...) on a worker; the future carries the result or exception.
  template <class F, class... Args>
  auto submit(F&& f, Args&&... args)
      -> std::future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>> {
    auto task = detail::package_call(std::forward<F>(f), std::forward<Args>(args)...);
    auto result = task.get_future();
    enqueue(detail::Task(std::move(task)));
    return result;
  }

  // Fire-and-forget: no future. Runs f(args...) with std::thread's
  // semantics: f and every argument are decay-copied (moved when passed as
  // rvalues) now, and invoked as rvalues on the worker; pass std::ref to
  // share an object. The first exception a posted task throws is kept and
  // rethrown by the next wait_idle(); later ones are dropped.
  template <class F, class... Args>
  void post(F&& f, Args&&... args) {
    static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                  "ThreadPool::post: f is not callable with (decayed copies of) these arguments");
    if constexpr (sizeof...(Args) == 0) {
      enqueue(detail::Task([this, fn = std::forward<F>(f)]() mutable { run_posted(std::move(fn)); }));
    } else {
      enqueue(detail::Task([this, fn = std::forward<F>(f),
                            bound = std::tuple<std::decay_t<Args>...>(std::forward<Args>(args)...)]() mutable {
        run_posted([&] { std::apply(std::move(fn), std::move(bound)); });
      }));
    }
  }

  // Calls f(i) for every i in [first, last), in pieces of chunk_size
  // indices; 0 lets the pool choose (large pieces first, small ones at the
  // end). Part of the range may run on the calling thread. Rethrows the first
  // exception f threw (remaining pieces are then skipped).
  template <class Index, class F>
  void parallel_for(Index first, Index last, F&& f, std::size_t chunk_size = 0) {
    static_assert(std::is_integral_v<Index>, "parallel_for takes integer bounds");
    if (!(first < last)) return;
    using Unsigned = std::make_unsigned_t<Index>;
    const auto count = static_cast<std::size_t>(static_cast<Unsigned>(last) - static_cast<Unsigned>(first));
    auto body = [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) f(static_cast<Index>(first + static_cast<Index>(i)));
    };
    run_bulk(bulk_split(count, chunk_size), body);
  }

  // Returns {f(x) for x in range}, in input order. The range needs random
  // access iterators. chunk_size 0 picks one.
  template <class F, class Range>
  auto map(F&& f, const Range& range, std::size_t chunk_size = 0) {
    using std::begin;
    using std::end;
    using Iter = decltype(begin(range));
    static_assert(std::is_base_of_v<std::random_access_iterator_tag,
                                    typename std::iterator_traits<Iter>::iterator_category>,
                  "ThreadPool::map needs a range with random access iterators");
    using R = std::decay_t<std::invoke_result_t<F&, decltype(*begin(range))>>;
    static_assert(!std::is_void_v<R>, "map needs f to return a value; use parallel_for for side effects");
    static_assert(std::is_default_constructible_v<R> && std::is_move_assignable_v<R>,
                  "ThreadPool::map stores results in a pre-sized vector: the result type must be "
                  "default-constructible and move-assignable");
    const Iter first = begin(range);
    const auto count = static_cast<std::size_t>(std::distance(first, end(range)));
    // vector<bool> packs bits: concurrent writes to neighbours would race.
    using Slot = std::conditional_t<std::is_same_v<R, bool>, unsigned char, R>;
    std::vector<Slot> slots(count);
    parallel_for(std::size_t{0}, count, [&](std::size_t i) { slots[i] = f(first[static_cast<std::ptrdiff_t>(i)]); },
                 chunk_size);
    if constexpr (std::is_same_v<Slot, R>) {
      return slots;
    } else {
      return std::vector<R>(slots.begin(), slots.end());
    }
  }

  // Waits until fut is ready. Called from one of this pool's workers, it runs
  // other tasks meanwhile, so waiting on a subtask cannot deadlock the pool.
  template <class Future>
  void wait(const Future& fut) {
    if (!in_worker()) {
      fut.wait();
      return;
    }
    for (;;) {
      const std::future_status status = fut.wait_for(std::chrono::seconds(0));
      if (status == std::future_status::ready) return;
      if (status == std::future_status::deferred) {  // never ready until waited: run it here
        fut.wait();
        return;
      }
      if (!help_once()) fut.wait_for(std::chrono::microseconds(50));
    }
  }

  // wait(fut), then fut.get().
  template <class R>
  R get(std::future<R>& fut) {
    wait(fut);
    return fut.get();
  }

  // Blocks until every submitted or posted task has finished, then rethrows
  // the first exception of a posted task, if any (and forgets it). Throws
  // std::logic_error when called from a worker (it would wait for itself).
  void wait_idle();

  // Stops accepting tasks from outside the pool, then drains or drops the
  // queue and joins the workers. Idempotent. Tasks already running finish;
  // tasks they submit are still accepted and run. Throws std::logic_error
  // when called from a worker.
  void shutdown(ShutdownMode mode = ShutdownMode::drain);

 private:
  friend class TaskGroup;
  friend struct detail::PoolAccess;

  template <class Fn>
  void run_posted(Fn&& fn) {
    try {
      std::forward<Fn>(fn)();
    } catch (...) {
      keep_first_error(std::current_exception());
    }
  }

  void enqueue(detail::Task&& task);
  void keep_first_error(std::exception_ptr error);
  bool help_once();
  std::size_t bulk_helpers() const noexcept;
  detail::BulkSplit bulk_split(std::size_t count, std::size_t chunk_size) const noexcept;
  void start_helpers(const std::shared_ptr<detail::BulkJob>& job, const detail::BulkSplit& split);
  void wait_for_job(detail::BulkJob& job);

  template <class Body>
  void run_bulk(const detail::BulkSplit& split, Body& body) {
    if (split.count <= split.grain) {
      body(std::size_t{0}, split.count);
      return;
    }
    auto job = std::make_shared<detail::BulkJob>(
        split, [](void* b, std::size_t begin, std::size_t end) { (*static_cast<Body*>(b))(begin, end); }, &body);
    start_helpers(job, split);
    job->work();
    wait_for_job(*job);
    job->rethrow_if_failed();
  }

  std::unique_ptr<detail::PoolCore> core_;
};

}  // namespace parlint
