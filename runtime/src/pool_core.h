// The scheduler behind parlint::ThreadPool: queues, workers, searching,
// parking and waking. Only runtime/src/thread_pool*.cpp and pool_*.cpp
// include this header; docs/runtime-thread-pool.md explains the design.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "parlint/detail/pool_task.h"
#include "task_ring.h"

namespace parlint::detail {

// A mutex-protected deque: each worker's own queue, and the overflow behind
// the shared ring. The size hint lets a thief skip empty queues without
// taking their lock.
struct alignas(64) TaskQueue {
  std::mutex mutex;
  std::deque<Task> tasks;
  std::atomic<std::size_t> size_hint{0};
  // Tasks ever submitted into this queue (not those moved in from another).
  std::atomic<std::uint64_t> pushed{0};
  // A worker's queue only: tasks this worker finished (written by it alone).
  alignas(64) std::atomic<std::uint64_t> finished{0};
};

// One worker: its queue, the word it parks on, its thread (started lazily).
struct WorkerSlot {
  TaskQueue queue;
  // 0 while parked; a waker stores 1 and then wakes the futex.
  alignas(64) std::atomic<std::uint32_t> wake{0};
  std::thread thread;  // written under PoolCore::idle_mutex_, joined by shutdown()
};

// How many workers search for work and how many are idle (parked, or never
// started), in one word: a submitter reads both with one load, and a worker
// that parks leaves the searchers and joins the idle ones in one step.
struct WorkerCounts {
  static constexpr std::uint64_t kSearcher = 1;
  static constexpr std::uint64_t kIdle = std::uint64_t{1} << 32;
  static std::uint32_t searching(std::uint64_t word) noexcept { return static_cast<std::uint32_t>(word); }
  static std::uint32_t idle(std::uint64_t word) noexcept { return static_cast<std::uint32_t>(word >> 32); }
};

class PoolCore {
 public:
  explicit PoolCore(std::size_t threads);
  ~PoolCore();  // drains and joins, unless shutdown() already did

  std::size_t size() const noexcept { return workers_.size(); }
  // default_worker_count() when the pool was made (it reads a file in /sys
  // each call: too slow for every parallel_for).
  std::size_t machine_cores() const noexcept { return machine_cores_; }
  bool current_thread_is_worker() const noexcept;
  // Worker threads started so far (they start as work arrives).
  std::size_t threads_started() const;

  // Outside callers feed the shared ring (its overflow queue when full);
  // workers feed their own deque. Throws std::runtime_error for outside
  // callers after shutdown began.
  void enqueue(Task&& task);
  // Queues `copies` tasks made by make_task() and wakes as many workers.
  // All or none: they are queued together or an exception is thrown.
  template <class MakeTask>
  void enqueue_copies(std::size_t copies, MakeTask make_task) {
    std::vector<Task> tasks;
    tasks.reserve(copies);
    for (std::size_t i = 0; i < copies; ++i) tasks.emplace_back(make_task());
    push_all(tasks.data(), tasks.size());
  }

  // Runs one queued task on the calling worker; false when none was found.
  bool help_once();
  // Called from a task: when it ends, its worker searches longer than usual
  // before it parks (parallel_for helpers: the next call is often right
  // behind, and waking a parked thread costs ~100 us on a VM).
  void linger_after_this_task() noexcept;
  void wait_idle();
  void keep_first_error(std::exception_ptr error);
  void shutdown(bool drop_pending);
  // The process is exiting (the default pool): stop, drop what is queued,
  // let the idle workers end, and join them only when no task is running;
  // otherwise detach them, so exit never waits for a task that may never end
  // (or for the calling task itself).
  void shutdown_at_exit() noexcept;

 private:
  // Submission (thread_pool_core.cpp).
  bool wait_for_ring_slot(Task& task);
  void push_all(Task* tasks, std::size_t count);
  void push_local(Task* tasks, std::size_t count);
  void push_overflow(Task* tasks, std::size_t count);
  void worker_main(std::size_t index);
  void run(Task& task, std::size_t self);
  void stop_accepting();
  std::size_t drop_queued();
  void join_workers();

  // Finding work (pool_queues.cpp).
  bool has_work(std::memory_order order) const;
  bool is_idle() const;
  std::uint64_t tasks_in_flight() const;
  void notify_if_idle();
  Task find_task(std::size_t self);
  Task pop_own(std::size_t self);
  Task take_overflow(std::size_t self);
  Task steal(std::size_t self);

  // Searching, parking, waking, starting workers (pool_idle.cpp).
  void announce(std::size_t count);
  void wake_searchers(std::size_t wanted);
  void hand_over(std::size_t count);
  bool start_worker_if_needed_locked();
  void start_worker_locked();
  bool try_start_searching(bool beyond_limit) noexcept;
  void leave_searching();
  bool spin_until_work(std::chrono::microseconds how_long);
  bool park(std::size_t index, bool searching);
  bool unpark_self(std::size_t index);
  void wake_all_parked();

  const std::size_t machine_cores_;
  // Most workers that search at once by their own choice (half the cores
  // the pool can use, at least one): more only burn cores that workers with
  // tasks, or the submitter, need.
  const std::uint32_t max_searchers_;
  std::vector<std::unique_ptr<WorkerSlot>> workers_;
  TaskRing ring_;
  TaskQueue overflow_;  // outside tasks while the ring is full

  alignas(64) std::atomic<std::uint64_t> counts_{0};  // WorkerCounts
  std::atomic<bool> stopping_{false};  // written under overflow_.mutex
  // wait_idle() callers; a worker that runs out of work looks for them.
  alignas(64) std::atomic<int> idle_waiters_{0};
  std::atomic<std::uint64_t> dropped_{0};  // tasks discarded by shutdown(drop_pending)

  // Parked workers (a stack: the most recently parked is woken first, its
  // cache is warmest) and the count of started ones.
  mutable std::mutex idle_mutex_;
  std::vector<std::size_t> parked_;
  std::size_t started_ = 0;

  std::mutex idle_wait_mutex_;
  std::condition_variable idle_cv_;
  std::mutex error_mutex_;
  std::exception_ptr first_error_;
  std::mutex shutdown_mutex_;
  bool joined_ = false;
};

}  // namespace parlint::detail
