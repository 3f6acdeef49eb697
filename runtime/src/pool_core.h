// The scheduler behind parlint::ThreadPool: queues, workers, sleeping and
// waking. Only runtime/src/thread_pool*.cpp include this header.
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

class PoolCore {
 public:
  explicit PoolCore(std::size_t threads);
  ~PoolCore();  // drains and joins, unless shutdown() already did

  std::size_t size() const noexcept { return locals_.size(); }
  // default_worker_count() when the pool was made (it reads a file in /sys
  // each call: too slow for every parallel_for).
  std::size_t machine_cores() const noexcept { return machine_cores_; }
  bool current_thread_is_worker() const noexcept;

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
  // Called from a task: when it ends, its worker spins longer than usual
  // before it sleeps (parallel_for helpers: the next call is often right
  // behind, and waking a sleeping thread costs ~100 us on a VM).
  void linger_after_this_task() noexcept;
  void wait_idle();
  void keep_first_error(std::exception_ptr error);
  void shutdown(bool drop_pending);

 private:
  bool wait_for_ring_slot(Task& task);
  void push_all(Task* tasks, std::size_t count);
  void push_local(Task* tasks, std::size_t count);
  void push_overflow(Task* tasks, std::size_t count);
  void announce(std::size_t count);
  bool has_work(std::memory_order order) const;
  bool is_idle() const;
  void notify_if_idle();
  void worker_main(std::size_t index);
  Task find_task(std::size_t self);
  Task pop_own(std::size_t self);
  Task take_overflow(std::size_t self);
  Task steal(std::size_t self);
  bool spin_until_work(std::chrono::microseconds how_long);
  void run(Task& task, std::size_t self);
  std::size_t drop_queued();
  void join_workers();

  const std::size_t machine_cores_;
  std::vector<std::unique_ptr<TaskQueue>> locals_;
  TaskRing ring_;
  TaskQueue overflow_;  // outside tasks while the ring is full
  std::vector<std::thread> workers_;

  alignas(64) std::atomic<int> sleepers_{0};
  std::atomic<bool> stopping_{false};  // written under overflow_.mutex
  // wait_idle() callers; a worker that runs out of work looks for them.
  alignas(64) std::atomic<int> idle_waiters_{0};
  std::atomic<std::uint64_t> dropped_{0};  // tasks discarded by shutdown(drop_pending)

  std::mutex sleep_mutex_;
  std::condition_variable wake_cv_;
  std::mutex idle_mutex_;
  std::condition_variable idle_cv_;
  std::mutex error_mutex_;
  std::exception_ptr first_error_;
  std::mutex shutdown_mutex_;
  bool joined_ = false;
};

}  // namespace parlint::detail
