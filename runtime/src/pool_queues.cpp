// Finding work for a ThreadPool worker: its own deque, the shared ring, the
// overflow queue, other workers' deques; and the counts wait_idle() reads.
#include "pool_core.h"

#include <algorithm>

namespace parlint::detail {
namespace {

// Most tasks a worker moves from the overflow queue in one go.
constexpr std::size_t kMaxBatch = 32;

}  // namespace

bool PoolCore::has_work(std::memory_order order) const {
  if (ring_.has_work() || overflow_.size_hint.load(order) != 0) return true;
  for (const auto& worker : workers_)
    if (worker->queue.size_hint.load(order) != 0) return true;
  return false;
}

// Every submitted task finished (or was dropped). Finishes are read before
// submissions: a task is submitted before it can finish, and a subtask before
// the task that queued it finishes, so equal sums mean nothing is left.
bool PoolCore::is_idle() const {
  std::uint64_t done = dropped_.load(std::memory_order_seq_cst);
  for (const auto& worker : workers_) done += worker->queue.finished.load(std::memory_order_seq_cst);
  std::uint64_t submitted = ring_.pushed() + overflow_.pushed.load(std::memory_order_seq_cst);
  for (const auto& worker : workers_) submitted += worker->queue.pushed.load(std::memory_order_seq_cst);
  return done == submitted;
}

// Tasks queued or running, at least: submissions are read before finishes,
// so a task submitted and finished between the two reads is not counted, and
// every task counted was in flight when the finishes were read.
std::uint64_t PoolCore::tasks_in_flight() const {
  std::uint64_t submitted = ring_.pushed() + overflow_.pushed.load(std::memory_order_seq_cst);
  for (const auto& worker : workers_) submitted += worker->queue.pushed.load(std::memory_order_seq_cst);
  std::uint64_t done = dropped_.load(std::memory_order_seq_cst);
  for (const auto& worker : workers_) done += worker->queue.finished.load(std::memory_order_seq_cst);
  return submitted > done ? submitted - done : 0;
}

// Called by a worker that finished tasks and found no more. The
// read-modify-write reads the latest waiter count: either it sees a
// wait_idle() that registered, or that caller's registration comes after it
// in the counter's order and its own check sees our finishes.
void PoolCore::notify_if_idle() {
  if (idle_waiters_.fetch_add(0, std::memory_order_seq_cst) == 0) return;
  if (!is_idle()) return;
  std::lock_guard<std::mutex> lock(idle_wait_mutex_);
  idle_cv_.notify_all();
}

Task PoolCore::find_task(std::size_t self) {
  if (Task task = pop_own(self)) return task;
  Task task;
  if (ring_.try_pop(task)) return task;
  if (Task overflowed = take_overflow(self)) return overflowed;
  return steal(self);
}

// The owner pops the newest task: a subtask it just queued is hot in cache
// and is usually what it is about to wait for.
Task PoolCore::pop_own(std::size_t self) {
  TaskQueue& queue = workers_[self]->queue;
  if (queue.size_hint.load(std::memory_order_relaxed) == 0) return {};
  std::lock_guard<std::mutex> lock(queue.mutex);
  if (queue.tasks.empty()) return {};
  Task task = std::move(queue.tasks.back());
  queue.tasks.pop_back();
  queue.size_hint.store(queue.tasks.size(), std::memory_order_relaxed);
  return task;
}

// Takes the oldest overflow task plus a fair share of the rest into the own
// deque, so a burst that overflowed the ring costs one lock per batch, not
// per task; other workers can still steal from that deque. The batch moves
// straight across under both locks (always taken in this order; nothing
// takes a worker's lock and then the overflow lock).
Task PoolCore::take_overflow(std::size_t self) {
  if (overflow_.size_hint.load(std::memory_order_relaxed) == 0) return {};
  std::lock_guard<std::mutex> lock(overflow_.mutex);
  if (overflow_.tasks.empty()) return {};
  Task first = std::move(overflow_.tasks.front());
  overflow_.tasks.pop_front();
  const std::size_t moved = std::min(kMaxBatch, overflow_.tasks.size() / workers_.size());
  if (moved > 0) {
    Task batch[kMaxBatch];
    for (std::size_t i = 0; i < moved; ++i) {
      batch[i] = std::move(overflow_.tasks.front());
      overflow_.tasks.pop_front();
    }
    TaskQueue& own = workers_[self]->queue;
    std::lock_guard<std::mutex> own_lock(own.mutex);
    // Oldest last, so the owner's LIFO pops still run them oldest first.
    for (std::size_t i = moved; i-- > 0;) own.tasks.push_back(std::move(batch[i]));
    own.size_hint.store(own.tasks.size(), std::memory_order_seq_cst);
  }
  // After the own deque's hint: a worker that reads the overflow queue empty
  // then sees the batch in this deque.
  overflow_.size_hint.store(overflow_.tasks.size(), std::memory_order_seq_cst);
  return first;
}

// Thieves take the oldest task: usually the biggest piece of remaining work.
Task PoolCore::steal(std::size_t self) {
  const std::size_t n = workers_.size();
  for (std::size_t k = 1; k < n; ++k) {
    TaskQueue& victim = workers_[(self + k) % n]->queue;
    if (victim.size_hint.load(std::memory_order_relaxed) == 0) continue;
    std::lock_guard<std::mutex> lock(victim.mutex);
    if (victim.tasks.empty()) continue;
    Task task = std::move(victim.tasks.front());
    victim.tasks.pop_front();
    victim.size_hint.store(victim.tasks.size(), std::memory_order_relaxed);
    return task;
  }
  return {};
}

}  // namespace parlint::detail
