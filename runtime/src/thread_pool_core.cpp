// The scheduler behind parlint::ThreadPool (design notes in thread_pool.h).
#include "pool_core.h"

#include "parlint/worker_count.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace parlint::detail {
namespace {

// Which pool, if any, the current thread works for: decides whether a new
// task goes to the worker's own deque and whether waiting may help.
struct WorkerContext {
  const PoolCore* pool = nullptr;
  std::size_t index = 0;
  bool linger = false;  // spin kLingerAfterBulk, not kSpinBeforeSleep, once
};
thread_local WorkerContext current_worker;

// A wake-up through the condition variable costs several microseconds on a
// VM; spinning this long first catches work that arrives right behind.
constexpr auto kSpinBeforeSleep = std::chrono::microseconds(30);
// After a parallel_for/map helper: back-to-back bulk calls then find their
// helpers awake. Bounded, and the spin yields the core after a few rounds.
constexpr auto kLingerAfterBulk = std::chrono::microseconds(500);
// Rounds of 32 pause instructions (~1 us each) before spinning yields.
constexpr int kPureSpinRounds = 4;
// How long a submitter from outside waits for a free ring slot before it
// uses the overflow queue (see wait_for_ring_slot).
constexpr auto kRingFullWait = std::chrono::microseconds(100);
// Most tasks a worker moves from the overflow queue in one go.
constexpr std::size_t kMaxBatch = 32;
// Slots of the ring for tasks from outside (128 bytes each); a burst beyond
// that waits in the overflow queue.
constexpr std::size_t kRingSlots = 1024;

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

PoolCore::PoolCore(std::size_t threads) : machine_cores_(default_worker_count()), ring_(kRingSlots) {
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

// The per-task path: a task from outside goes into the ring without a lock,
// unless tasks already wait in the overflow queue (new ones queue behind them).
void PoolCore::enqueue(Task&& task) {
  if (current_thread_is_worker()) {
    push_local(&task, 1);
  } else if (overflow_.size_hint.load(std::memory_order_relaxed) == 0 &&
             (ring_.try_push(task) || wait_for_ring_slot(task))) {
    announce(1);
  } else {
    push_overflow(&task, 1);  // ring full, or closed: then this throws
  }
}

// The ring is full. Once the overflow queue holds a task, every later one
// queues behind it (a lock, and an allocation every few tasks) until the
// workers drain it, which in a burst of small tasks is never: B1's million
// posts ran at 90 ns each or, when the ring filled while the workers were
// still waking, 250-370 ns. Workers running small tasks free a slot within
// microseconds, so wait for one, giving them the core; but never longer than
// kRingFullWait, since the workers may be blocked on something this thread
// does later.
bool PoolCore::wait_for_ring_slot(Task& task) {
  const auto deadline = std::chrono::steady_clock::now() + kRingFullWait;
  while (!ring_.closed()) {
    std::this_thread::yield();
    if (ring_.try_push(task)) return true;
    if (std::chrono::steady_clock::now() >= deadline) break;
  }
  return false;
}

void PoolCore::push_all(Task* tasks, std::size_t count) {
  if (count == 0) return;
  if (current_thread_is_worker()) {
    push_local(tasks, count);
  } else {
    push_overflow(tasks, count);  // one lock for all of them, all or none
  }
}

// Workers may still queue subtasks of the tasks being drained after shutdown.
void PoolCore::push_local(Task* tasks, std::size_t count) {
  TaskQueue& queue = *locals_[current_worker.index];
  {
    std::lock_guard<std::mutex> lock(queue.mutex);
    for (std::size_t i = 0; i < count; ++i) queue.tasks.push_back(std::move(tasks[i]));
    // Release: the push happens-before this worker counts its running task
    // finished, so wait_idle() never sees that finish without this push.
    queue.pushed.store(queue.pushed.load(std::memory_order_relaxed) + count, std::memory_order_release);
    queue.size_hint.store(queue.tasks.size(), std::memory_order_seq_cst);
  }
  announce(count);
}

void PoolCore::push_overflow(Task* tasks, std::size_t count) {
  {
    std::lock_guard<std::mutex> lock(overflow_.mutex);
    if (stopping_.load(std::memory_order_relaxed))
      throw std::runtime_error("parlint::ThreadPool: task submitted after shutdown()");
    for (std::size_t i = 0; i < count; ++i) overflow_.tasks.push_back(std::move(tasks[i]));
    overflow_.pushed.store(overflow_.pushed.load(std::memory_order_relaxed) + count, std::memory_order_release);
    overflow_.size_hint.store(overflow_.tasks.size(), std::memory_order_seq_cst);
  }
  announce(count);
}

// Pairs with worker_main: a worker registers as a sleeper, then looks for
// work; a submitter publishes its task (the ring's compare-and-swap or a
// queue's size hint), then reads the sleeper count. All sequentially
// consistent, so at least one side sees the other: a task never waits for a
// worker that has gone to sleep, and while workers are awake (running or
// spinning) a submission makes no system call.
void PoolCore::announce(std::size_t count) {
  const int sleeping = sleepers_.load(std::memory_order_seq_cst);
  if (sleeping == 0) return;
  // Taking the lock orders this call after a sleeper's check of has_work():
  // the sleeper either sees the new work or is already waiting. Notifying
  // after the unlock spares the woken worker blocking at once on the mutex
  // the notifier still holds (a second wake-up, ~50 us on a VM).
  { std::lock_guard<std::mutex> lock(sleep_mutex_); }
  if (count >= static_cast<std::size_t>(sleeping)) {
    wake_cv_.notify_all();
  } else {
    for (std::size_t i = 0; i < count; ++i) wake_cv_.notify_one();
  }
}

bool PoolCore::has_work(std::memory_order order) const {
  if (ring_.has_work() || overflow_.size_hint.load(order) != 0) return true;
  for (const auto& local : locals_)
    if (local->size_hint.load(order) != 0) return true;
  return false;
}

// Every submitted task finished (or was dropped). Finishes are read before
// submissions: a task is submitted before it can finish, and a subtask before
// the task that queued it finishes, so equal sums mean nothing is left.
bool PoolCore::is_idle() const {
  std::uint64_t done = dropped_.load(std::memory_order_seq_cst);
  for (const auto& local : locals_) done += local->finished.load(std::memory_order_seq_cst);
  std::uint64_t submitted = ring_.pushed() + overflow_.pushed.load(std::memory_order_seq_cst);
  for (const auto& local : locals_) submitted += local->pushed.load(std::memory_order_seq_cst);
  return done == submitted;
}

// Called by a worker that finished tasks and found no more. The
// read-modify-write reads the latest waiter count: either it sees a
// wait_idle() that registered, or that caller's registration comes after it
// in the counter's order and its own check sees our finishes.
void PoolCore::notify_if_idle() {
  if (idle_waiters_.fetch_add(0, std::memory_order_seq_cst) == 0) return;
  if (!is_idle()) return;
  std::lock_guard<std::mutex> lock(idle_mutex_);
  idle_cv_.notify_all();
}

void PoolCore::worker_main(std::size_t index) {
  current_worker = WorkerContext{this, index};
  bool finished_some = false;
  for (;;) {
    if (Task task = find_task(index)) {
      run(task, index);
      finished_some = true;
      continue;
    }
    if (finished_some) {  // only a finish can make the pool idle
      notify_if_idle();
      finished_some = false;
    }
    const auto spin = current_worker.linger ? kLingerAfterBulk : kSpinBeforeSleep;
    current_worker.linger = false;
    if (spin_until_work(spin)) continue;
    std::unique_lock<std::mutex> lock(sleep_mutex_);
    sleepers_.fetch_add(1, std::memory_order_seq_cst);
    wake_cv_.wait(lock, [this] {
      return has_work(std::memory_order_seq_cst) || stopping_.load(std::memory_order_acquire);
    });
    sleepers_.fetch_sub(1, std::memory_order_relaxed);
    if (stopping_.load(std::memory_order_acquire) && !has_work(std::memory_order_seq_cst)) return;
  }
}

void PoolCore::linger_after_this_task() noexcept {
  if (current_worker.pool == this) current_worker.linger = true;
}

bool PoolCore::spin_until_work(std::chrono::microseconds how_long) {
  const auto deadline = std::chrono::steady_clock::now() + how_long;
  for (int round = 0;; ++round) {
    for (int i = 0; i < 32; ++i) cpu_relax();
    if (has_work(std::memory_order_relaxed)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    // After a short pure spin, give the core away on each round: when the
    // machine is oversubscribed the thread that will produce our next task
    // may be waiting for this very core.
    if (round >= kPureSpinRounds) std::this_thread::yield();
  }
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
  TaskQueue& queue = *locals_[self];
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
  const std::size_t moved = std::min(kMaxBatch, overflow_.tasks.size() / locals_.size());
  if (moved > 0) {
    Task batch[kMaxBatch];
    for (std::size_t i = 0; i < moved; ++i) {
      batch[i] = std::move(overflow_.tasks.front());
      overflow_.tasks.pop_front();
    }
    TaskQueue& own = *locals_[self];
    std::lock_guard<std::mutex> own_lock(own.mutex);
    // Oldest last, so the owner's LIFO pops still run them oldest first.
    for (std::size_t i = moved; i-- > 0;) own.tasks.push_back(std::move(batch[i]));
    own.size_hint.store(own.tasks.size(), std::memory_order_relaxed);
  }
  overflow_.size_hint.store(overflow_.tasks.size(), std::memory_order_relaxed);
  return first;
}

// Thieves take the oldest task: usually the biggest piece of remaining work.
Task PoolCore::steal(std::size_t self) {
  const std::size_t n = locals_.size();
  for (std::size_t k = 1; k < n; ++k) {
    TaskQueue& victim = *locals_[(self + k) % n];
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

void PoolCore::run(Task& task, std::size_t self) {
  try {
    task();
  } catch (...) {
    // submit() and post() catch their own exceptions; this guards the pool.
    keep_first_error(std::current_exception());
  }
  task = Task();  // the task's captures die before it counts as finished
  std::atomic<std::uint64_t>& finished = locals_[self]->finished;
  finished.store(finished.load(std::memory_order_relaxed) + 1, std::memory_order_release);
}

bool PoolCore::help_once() {
  if (!current_thread_is_worker()) return false;
  Task task = find_task(current_worker.index);
  if (!task) return false;
  run(task, current_worker.index);
  return true;
}

void PoolCore::keep_first_error(std::exception_ptr error) {
  std::lock_guard<std::mutex> lock(error_mutex_);
  if (!first_error_) first_error_ = std::move(error);
}

void PoolCore::wait_idle() {
  if (current_thread_is_worker())
    throw std::logic_error("parlint::ThreadPool::wait_idle() called from one of its own tasks would wait for itself");
  idle_waiters_.fetch_add(1, std::memory_order_seq_cst);
  {
    std::unique_lock<std::mutex> lock(idle_mutex_);
    idle_cv_.wait(lock, [this] { return is_idle(); });
  }
  idle_waiters_.fetch_sub(1, std::memory_order_seq_cst);
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
    // Under the overflow lock: a submitter that then finds the ring closed
    // and falls back to the overflow queue is refused there.
    std::lock_guard<std::mutex> lock(overflow_.mutex);
    stopping_.store(true, std::memory_order_release);
  }
  ring_.close();
  if (drop_pending) {
    dropped_.fetch_add(drop_queued(), std::memory_order_seq_cst);
    if (idle_waiters_.fetch_add(0, std::memory_order_seq_cst) != 0) {
      std::lock_guard<std::mutex> lock(idle_mutex_);
      idle_cv_.notify_all();
    }
  }
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
  // The ring is closed: only pushes that reserved their slot before may still
  // be filling it, for the time of one move.
  while (ring_.has_work()) {
    Task task;
    if (ring_.try_pop(task)) {
      dropped.push_back(std::move(task));
    } else {
      std::this_thread::yield();
    }
  }
  drain(overflow_);
  for (auto& local : locals_) drain(*local);
  const std::size_t count = dropped.size();
  dropped.clear();
  return count;
}

void PoolCore::join_workers() {
  for (std::thread& worker : workers_)
    if (worker.joinable()) worker.join();
}

}  // namespace parlint::detail
