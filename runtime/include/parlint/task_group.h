// parlint::TaskGroup: tasks run on a ThreadPool (parlint::default_pool()
// unless one is given) and are waited for together, apart from everything
// else the pool runs.
//
//   parlint::TaskGroup group;
//   for (const Item& item : items) group.post(process, std::cref(item));
//   auto total = group.submit(count_all, std::cref(items));   // std::future
//   group.wait();   // this group's tasks only; rethrows a posted task's exception
//
// - post(f, args...): std::thread's argument semantics (decay-copied when
//   posted, invoked as rvalues; std::ref shares). The first exception a
//   posted task throws is kept and rethrown by wait(); later ones are
//   dropped.
// - submit(f, args...): the std::future carries the result or exception;
//   wait() waits for it too but does not rethrow its exception.
// - wait(): returns once every task posted or submitted through this group
//   so far has finished (its captures destroyed). Called from a worker of
//   the group's pool it runs queued tasks meanwhile, so nested groups (a task
//   that posts to a group and waits) cannot deadlock the pool. The group can
//   be used again afterwards.
// - The destructor waits too (an exception not yet rethrown is dropped).
// - A task the pool drops without running (shutdown(drop_pending), or the
//   default pool at exit) counts as finished: wait() does not hang on it,
//   and a submitted one's future reports broken_promise.
// Several threads may post to one group and wait on it.
#pragma once

#include <atomic>
#include <cstdint>
#include <exception>
#include <future>
#include <mutex>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>

#include "parlint/default_pool.h"
#include "parlint/detail/pool_task.h"
#include "parlint/thread_pool.h"

namespace parlint {

class TaskGroup {
 public:
  // Runs its tasks on parlint::default_pool().
  TaskGroup();
  explicit TaskGroup(ThreadPool& pool) noexcept : pool_(&pool) {}
  ~TaskGroup();

  TaskGroup(const TaskGroup&) = delete;
  TaskGroup& operator=(const TaskGroup&) = delete;

  template <class F, class... Args>
  void post(F&& f, Args&&... args) {
    static_assert(std::is_invocable_v<std::decay_t<F>, std::decay_t<Args>...>,
                  "TaskGroup::post: f is not callable with (decayed copies of) these arguments");
    if constexpr (sizeof...(Args) == 0) {
      enqueue_body(std::forward<F>(f));
    } else {
      enqueue_body([fn = std::forward<F>(f),
                      bound = std::tuple<std::decay_t<Args>...>(std::forward<Args>(args)...)]() mutable {
        std::apply(std::move(fn), std::move(bound));
      });
    }
  }

  template <class F, class... Args>
  auto submit(F&& f, Args&&... args)
      -> std::future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>> {
    auto task = detail::package_call(std::forward<F>(f), std::forward<Args>(args)...);
    auto result = task.get_future();
    enqueue_body(std::move(task));  // its exception stays in the future
    return result;
  }

  // Waits for this group's tasks; rethrows (and forgets) the first exception
  // of a posted one.
  void wait();

  ThreadPool& pool() const noexcept { return *pool_; }

 private:
  // A task of the group. Trivially copyable when its body is (it then
  // crosses the pool's queues as plain bytes, like a ThreadPool::post). The
  // body, and what it captured, is destroyed before the task counts as
  // finished, since wait() may return, and the group end, right after that.
  // A task the pool drops unrun (shutdown(drop_pending), or exit) is counted
  // finished through on_drop(), so wait() never waits for it.
  template <class Body>
  struct GroupTask {
    TaskGroup* group;
    Body body;

    void operator()() {
      {
        Body running = std::move(body);
        try {
          running();
        } catch (...) {
          group->keep_first_error(std::current_exception());
        }
      }
      group->finish_task();
    }
    void on_drop() noexcept { group->finish_task(); }
  };

  template <class Body>
  void enqueue_body(Body&& body) {
    count_post();
    try {
      enqueue(detail::Task(GroupTask<std::decay_t<Body>>{this, std::forward<Body>(body)}));
    } catch (...) {
      finish_task();  // never queued: the pool is shut down (or memory ran out)
      throw;
    }
  }

  // The thread that made the group counts its posts with a plain store (no
  // locked instruction on the per-task path); other threads with an atomic
  // increment. A waiter reads both.
  void count_post() noexcept {
    if (std::this_thread::get_id() == owner_) {
      owner_posted_.store(owner_posted_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
    } else {
      others_posted_.fetch_add(1, std::memory_order_relaxed);
    }
  }
  std::uint64_t posted() const noexcept {
    return owner_posted_.load(std::memory_order_acquire) + others_posted_.load(std::memory_order_acquire);
  }

  void enqueue(detail::Task&& task);
  void finish_task() noexcept;
  void keep_first_error(std::exception_ptr error) noexcept;
  void wait_for_tasks();

  // The counts of tasks posted live on the posting threads' cache line, the
  // count of finishes on the workers' one: a post and a finish never touch
  // the same line (one shared counter cost B1 10-15 % per task).
  //
  // finishes_ packs what a finishing task needs to decide, in one
  // read-modify-write, whether it must wake a waiter: the finishes (high 32
  // bits, the word a waiter sleeps on), kWaiterBit, and the waiter's target
  // finish count (low 31 bits). A task's last access to the group is that
  // increment, so a waiter that sees its target reached may end the group
  // at once; the wake-up goes by address. Counts are compared modulo 2^31.
  static constexpr std::uint64_t kFinish = std::uint64_t{1} << 32;
  static constexpr std::uint64_t kWaiterBit = std::uint64_t{1} << 31;
  static constexpr std::uint64_t kTargetMask = kWaiterBit - 1;

  ThreadPool* pool_;
  const std::thread::id owner_ = std::this_thread::get_id();
  alignas(64) std::atomic<std::uint64_t> owner_posted_{0};
  std::atomic<std::uint64_t> others_posted_{0};
  alignas(64) std::atomic<std::uint64_t> finishes_{0};
  alignas(64) std::mutex error_mutex_;
  std::exception_ptr first_error_;
};

}  // namespace parlint
