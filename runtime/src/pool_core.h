// The scheduler behind parlint::ThreadPool: queues, workers, sleeping and
// waking. Only runtime/src/thread_pool*.cpp include this header.
#pragma once

#include <atomic>
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

namespace parlint::detail {

// A mutex-protected deque. The size hint lets a thief skip empty queues
// without taking their lock.
struct alignas(64) TaskQueue {
  std::mutex mutex;
  std::deque<Task> tasks;
  std::atomic<std::size_t> size_hint{0};
};

class PoolCore {
 public:
  explicit PoolCore(std::size_t threads);
  ~PoolCore();  // drains and joins, unless shutdown() already did

  std::size_t size() const noexcept { return locals_.size(); }
  bool current_thread_is_worker() const noexcept;

  // Outside callers feed the shared queue; workers feed their own deque.
  // Throws std::runtime_error for outside callers after shutdown began.
  void enqueue(Task task);
  // Queues `copies` tasks made by make_task() and wakes as many workers.
  template <class MakeTask>
  void enqueue_copies(std::size_t copies, MakeTask make_task) {
    std::vector<Task> tasks;
    tasks.reserve(copies);
    for (std::size_t i = 0; i < copies; ++i) tasks.emplace_back(make_task());
    enqueue_all(std::move(tasks));
  }

  // Runs one queued task on the calling worker; false when none was found.
  bool help_once();
  void wait_idle();
  void keep_first_error(std::exception_ptr error);
  void shutdown(bool drop_pending);

 private:
  void enqueue_all(std::vector<Task> tasks) { push(tasks.data(), tasks.size()); }
  void push(Task* tasks, std::size_t count);
  void announce(std::size_t count);
  void worker_main(std::size_t index);
  Task find_task(std::size_t self);
  Task pop_own(std::size_t self);
  Task take_shared(std::size_t self);
  Task steal(std::size_t self);
  bool spin_until_pending();
  void run(Task& task);
  void finish_tasks(std::int64_t count);
  std::size_t drop_queued();
  void join_workers();

  std::vector<std::unique_ptr<TaskQueue>> locals_;
  TaskQueue shared_;
  std::vector<std::thread> workers_;

  // Tasks sitting in some queue; the sleep/wake handshake is built on it.
  alignas(64) std::atomic<std::int64_t> pending_{0};
  // Tasks queued or running; wait_idle() waits for zero.
  alignas(64) std::atomic<std::int64_t> unfinished_{0};
  alignas(64) std::atomic<int> sleepers_{0};
  std::atomic<bool> stopping_{false};  // written under shared_.mutex

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
