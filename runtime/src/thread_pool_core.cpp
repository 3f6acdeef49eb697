// The scheduler behind parlint::ThreadPool (design notes in thread_pool.h).
#include "pool_core.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace parlint::detail {
namespace {

// Which pool, if any, the current thread works for: decides whether a new
// task goes to the worker's own deque and whether waiting may help.
struct WorkerContext {
  const PoolCore* pool = nullptr;
  std::size_t index = 0;
};
thread_local WorkerContext current_worker;

// A wake-up through the condition variable costs several microseconds on a
// VM; spinning this long first catches work that arrives right behind.
constexpr auto kSpinBeforeSleep = std::chrono::microseconds(30);
// Rounds of 32 pause instructions (~1 us each) before spinning yields.
constexpr int kPureSpinRounds = 4;
// Most tasks a worker moves from the shared queue in one go.
constexpr std::size_t kMaxBatch = 32;

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#elif defined(__aarch64__)
  asm volatile("yield");
#else
  std::this_thread::yield();
#endif
}

}  // namespace

PoolCore::PoolCore(std::size_t threads) {
  locals_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) locals_.push_back(std::make_unique<TaskQueue>());
  workers_.reserve(threads);
  try {
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this, i] { worker_main(i); });
  } catch (...) {
    shutdown(/*drop_pending=*/true);
    throw;
  }
}

PoolCore::~PoolCore() { shutdown(/*drop_pending=*/false); }

bool PoolCore::current_thread_is_worker() const noexcept { return current_worker.pool == this; }

void PoolCore::enqueue(Task task) { push(&task, 1); }

void PoolCore::push(Task* tasks, std::size_t count) {
  if (count == 0) return;
  const bool from_worker = current_thread_is_worker();
  TaskQueue& queue = from_worker ? *locals_[current_worker.index] : shared_;
  {
    std::lock_guard<std::mutex> lock(queue.mutex);
    // Outside callers are refused once shutdown began; workers may still
    // queue subtasks of the tasks being drained.
    if (!from_worker && stopping_.load(std::memory_order_relaxed))
      throw std::runtime_error("parlint::ThreadPool: task submitted after shutdown()");
    // Counted before it is visible, so wait_idle() never sees zero while a
    // task is queued.
    unfinished_.fetch_add(static_cast<std::int64_t>(count), std::memory_order_relaxed);
    for (std::size_t i = 0; i < count; ++i) queue.tasks.push_back(std::move(tasks[i]));
    queue.size_hint.store(queue.tasks.size(), std::memory_order_relaxed);
  }
  announce(count);
}

// Pairs with the check in worker_main: a worker registers as a sleeper, then
// reads pending_; we raise pending_, then read the sleeper count. With
// sequentially consistent ordering at least one side sees the other, so a
// task never waits for a worker that has gone to sleep.
void PoolCore::announce(std::size_t count) {
  pending_.fetch_add(static_cast<std::int64_t>(count), std::memory_order_seq_cst);
  const int sleeping = sleepers_.load(std::memory_order_seq_cst);
  if (sleeping == 0) return;
  std::lock_guard<std::mutex> lock(sleep_mutex_);
  if (count >= static_cast<std::size_t>(sleeping)) {
    wake_cv_.notify_all();
  } else {
    for (std::size_t i = 0; i < count; ++i) wake_cv_.notify_one();
  }
}

void PoolCore::worker_main(std::size_t index) {
  current_worker = WorkerContext{this, index};
  for (;;) {
    if (Task task = find_task(index)) {
      run(task);
      continue;
    }
    if (spin_until_pending()) continue;
    std::unique_lock<std::mutex> lock(sleep_mutex_);
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    wake_cv_.wait(lock, [this] {
      return pending_.load(std::memory_order_seq_cst) > 0 || stopping_.load(std::memory_order_acquire);
    });
    sleepers_.fetch_sub(1, std::memory_order_relaxed);
    if (stopping_.load(std::memory_order_acquire) && pending_.load(std::memory_order_acquire) <= 0) return;
  }
}

bool PoolCore::spin_until_pending() {
  const auto deadline = std::chrono::steady_clock::now() + kSpinBeforeSleep;
  for (int round = 0;; ++round) {
    for (int i = 0; i < 32; ++i) cpu_relax();
    if (pending_.load(std::memory_order_relaxed) > 0) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // After a short pure spin, give the core away on each round: when the
    // machine is oversubscribed the thread that will produce our next task
    // may be waiting for this very core.
    if (round >= kPureSpinRounds) std::this_thread::yield();
  }
}

Task PoolCore::find_task(std::size_t self) {
  if (Task task = pop_own(self)) return task;
  if (Task task = take_shared(self)) return task;
  return steal(self);
}

// The owner pops the newest task: a subtask it just queued is hot in cache
// and is usually what it is about to wait for.
Task PoolCore::pop_own(std::size_t self) {
  TaskQueue& queue = *locals_[self];
  if (queue.size_hint.load(std::memory_order_relaxed) == 0) return {};
  Task task;
  {
    std::lock_guard<std::mutex> lock(queue.mutex);
    if (queue.tasks.empty()) return {};
    task = std::move(queue.tasks.back());
    queue.tasks.pop_back();
    queue.size_hint.store(queue.tasks.size(), std::memory_order_relaxed);
  }
  pending_.fetch_sub(1, std::memory_order_relaxed);
  return task;
}

// Takes the oldest outside task plus a fair share of the rest into the own
// deque, so a burst of submissions costs one lock per batch, not per task;
// other workers can still steal from that deque.
Task PoolCore::take_shared(std::size_t self) {
  if (shared_.size_hint.load(std::memory_order_relaxed) == 0) return {};
  Task first;
  std::vector<Task> batch;
  {
    std::lock_guard<std::mutex> lock(shared_.mutex);
    if (shared_.tasks.empty()) return {};
    const std::size_t extra = std::min(kMaxBatch, shared_.tasks.size() / locals_.size());
    first = std::move(shared_.tasks.front());
    shared_.tasks.pop_front();
    const std::size_t moved = std::min(extra, shared_.tasks.size());
    batch.reserve(moved);
    for (std::size_t i = 0; i < moved; ++i) {
      batch.push_back(std::move(shared_.tasks.front()));
      shared_.tasks.pop_front();
    }
    shared_.size_hint.store(shared_.tasks.size(), std::memory_order_relaxed);
  }
  pending_.fetch_sub(1, std::memory_order_relaxed);
  if (!batch.empty()) {
    TaskQueue& own = *locals_[self];
    std::lock_guard<std::mutex> lock(own.mutex);
    // Reversed so the owner's LIFO pops still run them oldest first.
    for (auto it = batch.rbegin(); it != batch.rend(); ++it) own.tasks.push_back(std::move(*it));
    own.size_hint.store(own.tasks.size(), std::memory_order_relaxed);
  }
  return first;
}

// Thieves take the oldest task: usually the biggest piece of remaining work.
Task PoolCore::steal(std::size_t self) {
  const std::size_t n = locals_.size();
  for (std::size_t k = 1; k < n; ++k) {
    TaskQueue& victim = *locals_[(self + k) % n];
    if (victim.size_hint.load(std::memory_order_relaxed) == 0) continue;
    Task task;
    {
      std::lock_guard<std::mutex> lock(victim.mutex);
      if (victim.tasks.empty()) continue;
      task = std::move(victim.tasks.front());
      victim.tasks.pop_front();
      victim.size_hint.store(victim.tasks.size(), std::memory_order_relaxed);
    }
    pending_.fetch_sub(1, std::memory_order_relaxed);
    return task;
  }
  return {};
}

void PoolCore::run(Task& task) {
  try {
    task();
  } catch (...) {
    // submit() and post() catch their own exceptions; this guards the pool.
    keep_first_error(std::current_exception());
  }
  task = Task();  // the task's captures die before it counts as finished
  finish_tasks(1);
}

void PoolCore::finish_tasks(std::int64_t count) {
  if (unfinished_.fetch_sub(count, std::memory_order_acq_rel) == count) {
    std::lock_guard<std::mutex> lock(idle_mutex_);
    idle_cv_.notify_all();
  }
}

bool PoolCore::help_once() {
  if (!current_thread_is_worker()) return false;
  Task task = find_task(current_worker.index);
  if (!task) return false;
  run(task);
  return true;
}

void PoolCore::keep_first_error(std::exception_ptr error) {
  std::lock_guard<std::mutex> lock(error_mutex_);
  if (!first_error_) first_error_ = std::move(error);
}

void PoolCore::wait_idle() {
  if (current_thread_is_worker())
    throw std::logic_error("parlint::ThreadPool::wait_idle() called from one of its own tasks would wait for itself");
  {
    std::unique_lock<std::mutex> lock(idle_mutex_);
    idle_cv_.wait(lock, [this] { return unfinished_.load(std::memory_order_acquire) == 0; });
  }
  std::exception_ptr error;
  {
    std::lock_guard<std::mutex> lock(error_mutex_);
    std::swap(error, first_error_);
  }
  if (error) std::rethrow_exception(error);
}

void PoolCore::shutdown(bool drop_pending) {
  if (current_thread_is_worker())
    throw std::logic_error("parlint::ThreadPool::shutdown() called from one of its own tasks would join itself");
  std::lock_guard<std::mutex> once(shutdown_mutex_);
  if (joined_) return;
  {
    std::lock_guard<std::mutex> lock(shared_.mutex);
    stopping_.store(true, std::memory_order_release);
  }
  if (drop_pending) finish_tasks(static_cast<std::int64_t>(drop_queued()));
  {
    std::lock_guard<std::mutex> lock(sleep_mutex_);
    wake_cv_.notify_all();
  }
  join_workers();
  joined_ = true;
}

// Empties every queue. The tasks are destroyed outside the locks: destroying
// a never-run packaged_task stores broken_promise in its future, and user
// destructors may run.
std::size_t PoolCore::drop_queued() {
  std::vector<Task> dropped;
  auto drain = [&dropped](TaskQueue& queue) {
    std::lock_guard<std::mutex> lock(queue.mutex);
    for (Task& task : queue.tasks) dropped.push_back(std::move(task));
    queue.tasks.clear();
    queue.size_hint.store(0, std::memory_order_relaxed);
  };
  drain(shared_);
  for (auto& local : locals_) drain(*local);
  pending_.fetch_sub(static_cast<std::int64_t>(dropped.size()), std::memory_order_relaxed);
  const std::size_t count = dropped.size();
  dropped.clear();
  return count;
}

void PoolCore::join_workers() {
  for (std::thread& worker : workers_)
    if (worker.joinable()) worker.join();
}

}  // namespace parlint::detail
