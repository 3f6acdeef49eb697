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

// The finishes live in the high half of finishes_ (little-endian: at byte 4),
// the 32-bit word a waiter sleeps on.
const void* finish_count_word(const std::atomic<std::uint64_t>& finishes) {
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the futex word is the high half of finishes_");
  return reinterpret_cast<const unsigned char*>(&finishes) + 4;
}

}  // namespace

TaskGroup::TaskGroup() : pool_(&default_pool()) {}

TaskGroup::~TaskGroup() { wait_for_tasks(); }

void TaskGroup::enqueue(detail::Task&& task) { pool_->enqueue(std::move(task)); }

// The increment is the task's last access to the group: a waiter that sees
// its target reached may return and end the group at once, so the wake-up
// goes by address.
void TaskGroup::finish_task() noexcept {
  const void* word = finish_count_word(finishes_);
  const std::uint64_t before = finishes_.fetch_add(kFinish, std::memory_order_acq_rel);
  if ((before & kWaiterBit) != 0 && (((before >> 32) + 1) & kTargetMask) == (before & kTargetMask))
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

// All tasks posted so far have finished when the finishes, read first, equal
// the posts, read after: every finish follows its post. Otherwise the waiter
// writes its target (the posts it read) and kWaiterBit into finishes_ and
// sleeps on the finish count it saw; any finish since then ends the sleep at
// once (the futex compares the word), and the finish that reaches the target
// wakes every waiter. On a worker of the pool the waiter runs queued tasks
// instead of sleeping, napping briefly only when there are none. The bit is
// left set: a stale target costs at most one needless wake-up call per 2^31
// tasks, while clearing it could strand another thread waiting on the group.
void TaskGroup::wait_for_tasks() {
  const bool helping = pool_->in_worker();
  detail::PoolCore& core = detail::PoolAccess::core(*pool_);
  for (;;) {
    std::uint64_t word = finishes_.load(std::memory_order_acquire);
    const std::uint64_t posted = this->posted();
    const auto finished = static_cast<std::uint32_t>(word >> 32);
    if (finished == static_cast<std::uint32_t>(posted)) return;
    if (helping && core.help_once()) continue;
    const std::uint64_t waiting = (word & ~(kWaiterBit | kTargetMask)) | kWaiterBit | (posted & kTargetMask);
    if (word != waiting && !finishes_.compare_exchange_strong(word, waiting, std::memory_order_acq_rel)) continue;
    detail::futex_wait_private_at(finish_count_word(finishes_), finished, helping ? kHelperNapNs : -1);
  }
}

}  // namespace parlint
