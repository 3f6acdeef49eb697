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
      enqueue_posted(std::forward<F>(f));
    } else {
      enqueue_posted([fn = std::forward<F>(f),
                      bound = std::tuple<std::decay_t<Args>...>(std::forward<Args>(args)...)]() mutable {
        std::apply(std::move(fn), std::move(bound));
      });
    }
  }

  template <class F, class... Args>
  auto submit(F&& f, Args&&... args)
      -> std::future<std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>> {
    using R = std::invoke_result_t<std::decay_t<F>, std::decay_t<Args>...>;
    std::packaged_task<R()> task(
        [fn = std::forward<F>(f), bound = std::make_tuple(std::forward<Args>(args)...)]() mutable -> R {
          return std::apply(std::move(fn), std::move(bound));
        });
    std::future<R> result = task.get_future();
    enqueue(detail::Task([ticket = Ticket(this), task = std::move(task)]() mutable {
      {
        std::packaged_task<R()> running = std::move(task);  // gone before the group counts it finished
        running();
      }
      ticket.finish();
    }));
    return result;
  }

  // Waits for this group's tasks; rethrows (and forgets) the first exception
  // of a posted one.
  void wait();

  ThreadPool& pool() const noexcept { return *pool_; }

 private:
  // Counts one task of the group from its creation until it ran or was
  // destroyed without running (dropped by the pool's shutdown, or at exit),
  // so wait() never waits for a task that will not run.
  class Ticket {
   public:
    explicit Ticket(TaskGroup* group) noexcept : group_(group) {
      group_->pending_.fetch_add(1, std::memory_order_relaxed);
    }
    Ticket(Ticket&& other) noexcept : group_(std::exchange(other.group_, nullptr)) {}
    Ticket& operator=(Ticket&&) = delete;
    ~Ticket() {
      if (group_ != nullptr) group_->finish_task();
    }
    TaskGroup& group() const noexcept { return *group_; }
    void finish() noexcept { std::exchange(group_, nullptr)->finish_task(); }

   private:
    TaskGroup* group_;
  };

  // A body's exception goes to the group; the body (and what it captured) is
  // destroyed before the task counts as finished, since wait() may return,
  // and the group end, right after that.
  template <class Body>
  void enqueue_posted(Body&& body) {
    enqueue(detail::Task([ticket = Ticket(this), fn = std::forward<Body>(body)]() mutable {
      {
        std::decay_t<Body> running = std::move(fn);
        try {
          running();
        } catch (...) {
          ticket.group().keep_first_error(std::current_exception());
        }
      }
      ticket.finish();
    }));
  }

  void enqueue(detail::Task&& task);
  void finish_task() noexcept;
  void keep_first_error(std::exception_ptr error) noexcept;
  void wait_for_tasks();

  // Tasks not yet finished (low 31 bits), and kWaiterBit while a waiter may
  // sleep on this word: the last task to finish wakes it. A task's last
  // access to the group is the decrement itself, so the group may end at once.
  static constexpr std::uint32_t kWaiterBit = std::uint32_t{1} << 31;

  ThreadPool* pool_;
  alignas(64) std::atomic<std::uint32_t> pending_{0};
  std::mutex error_mutex_;
  std::exception_ptr first_error_;
};

}  // namespace parlint
