// parlint::TaskGroup's non-template members: counting the group's tasks,
// waiting for them (helping on a worker), keeping the first exception.
#include "parlint/task_group.h"

#include <climits>

#include "futex.h"
#include "pool_access.h"

namespace parlint {
namespace {

// A waiter on a worker that finds nothing to run sleeps at most this long
// before it looks for tasks to help with again.
constexpr std::int64_t kHelperNapNs = 50000;

}  // namespace

TaskGroup::TaskGroup() : pool_(&default_pool()) {}

TaskGroup::~TaskGroup() { wait_for_tasks(); }

// When the pool refuses the task (shut down), the task, and its Ticket, is
// destroyed unrun by the caller: the count comes back down.
void TaskGroup::enqueue(detail::Task&& task) { pool_->enqueue(std::move(task)); }

// The decrement is the task's last access to the group: a waiter that sees
// the count reach zero may return and end the group at once, so the wake-up
// goes by address.
void TaskGroup::finish_task() noexcept {
  const void* word = &pending_;
  if (pending_.fetch_sub(1, std::memory_order_acq_rel) == (kWaiterBit | 1))
    detail::futex_wake_private_at(word, INT_MAX);
}

void TaskGroup::keep_first_error(std::exception_ptr error) noexcept {
  std::lock_guard<std::mutex> lock(error_mutex_);
  if (!first_error_) first_error_ = std::move(error);
}

void TaskGroup::wait() {
  wait_for_tasks();
  std::exception_ptr error;
  {
    std::lock_guard<std::mutex> lock(error_mutex_);
    std::swap(error, first_error_);
  }
  if (error) std::rethrow_exception(error);
}

// A waiter sets kWaiterBit and sleeps on the word while tasks remain; the
// task that takes the count to zero sees the bit and wakes every waiter. Any
// change of the count also ends a sleep that has not begun (the futex
// compares the whole word). On a worker of the pool the waiter runs queued
// tasks instead of sleeping, napping briefly only when there are none.
void TaskGroup::wait_for_tasks() {
  const bool helping = pool_->in_worker();
  detail::PoolCore& core = detail::PoolAccess::core(*pool_);
  for (;;) {
    std::uint32_t word = pending_.load(std::memory_order_acquire);
    if ((word & ~kWaiterBit) == 0) break;
    if (helping && core.help_once()) continue;
    if ((word & kWaiterBit) == 0) {
      if (!pending_.compare_exchange_weak(word, word | kWaiterBit, std::memory_order_acq_rel)) continue;
      word |= kWaiterBit;
    }
    detail::futex_wait_private(pending_, word, helping ? kHelperNapNs : -1);
  }
  // With the count at zero no waiter can be asleep (the last finish woke
  // them all), so the bit may go: later finishes then skip the wake-up call.
  std::uint32_t no_tasks = kWaiterBit;
  pending_.compare_exchange_strong(no_tasks, 0, std::memory_order_relaxed);
}

}  // namespace parlint
