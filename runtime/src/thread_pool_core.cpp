// The scheduler behind parlint::ThreadPool: submission, the worker loop,
// wait_idle and shutdown. Finding work is in pool_queues.cpp; searching,
// parking and waking in pool_idle.cpp.
#include "pool_core.h"

#include "parlint/worker_count.h"
#include "pool_worker_context.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace parlint::detail {

thread_local WorkerContext current_worker;

namespace {

// How long a submitter from outside waits for a free ring slot before it
// uses the overflow queue (see wait_for_ring_slot).
constexpr auto kRingFullWait = std::chrono::microseconds(100);
// How long a worker without work searches before it parks: a wake-up costs
// several microseconds on a VM, and work often arrives right behind.
constexpr auto kSearchBeforePark = std::chrono::microseconds(30);
// After a parallel_for/map helper: back-to-back bulk calls then find their
// helpers awake. Bounded, and the search yields the core after a few rounds.
constexpr auto kLingerAfterBulk = std::chrono::microseconds(500);
// Slots of the ring for tasks from outside (128 bytes each); a burst beyond
// that waits in the overflow queue.
constexpr std::size_t kRingSlots = 1024;

std::uint32_t searcher_limit(std::size_t threads, std::size_t cores) {
  return static_cast<std::uint32_t>(std::max<std::size_t>(1, std::min(threads, cores) / 2));
}

}  // namespace

// No thread starts here: workers start as tasks arrive (pool_idle.cpp), so
// a pool never runs more threads than it has had tasks at once.
PoolCore::PoolCore(std::size_t threads)
    : machine_cores_(default_worker_count()),
      max_searchers_(searcher_limit(threads, machine_cores_)),
      ring_(kRingSlots),
      counts_(WorkerCounts::kIdle * threads) {
  workers_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) workers_.push_back(std::make_unique<WorkerSlot>());
  parked_.reserve(threads);
}

PoolCore::~PoolCore() { shutdown(/*drop_pending=*/false); }

bool PoolCore::current_thread_is_worker() const noexcept { return current_worker.pool == this; }

std::size_t PoolCore::threads_started() const {
  std::lock_guard<std::mutex> lock(idle_mutex_);
  return started_;
}

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
  TaskQueue& queue = workers_[current_worker.index]->queue;
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

// A worker starts, and is woken, as a searcher (its waker counted it). It
// runs tasks while it finds them; when it finds none it searches for a while
// if few others do, and otherwise parks. During shutdown it never parks: it
// leaves once no work is left.
void PoolCore::worker_main(std::size_t index) {
  current_worker = WorkerContext{this, index, false};
  bool searching = true;
  bool finished_some = false;
  for (;;) {
    if (Task task = find_task(index)) {
      if (searching) {
        searching = false;
        leave_searching();
      }
      run(task, index);
      finished_some = true;
      continue;
    }
    if (finished_some) {  // only a finish can make the pool idle
      notify_if_idle();
      finished_some = false;
    }
    if (stopping_.load(std::memory_order_acquire)) {
      if (!has_work(std::memory_order_seq_cst)) return;
      std::this_thread::yield();  // another worker is taking the last tasks
      continue;
    }
    // A parallel_for helper searches longer, and even beyond the limit of
    // searchers: the next bulk call is often right behind, and finds its
    // helpers awake instead of waking each one (~100 us on a VM).
    const bool linger = current_worker.linger;
    current_worker.linger = false;
    if (!searching) searching = try_start_searching(/*beyond_limit=*/linger);
    if (searching && spin_until_work(linger ? kLingerAfterBulk : kSearchBeforePark)) continue;
    searching = park(index, searching);
  }
}

void PoolCore::linger_after_this_task() noexcept {
  if (current_worker.pool == this) current_worker.linger = true;
}

void PoolCore::run(Task& task, std::size_t self) {
  try {
    task();
  } catch (...) {
    // submit() and post() catch their own exceptions; this guards the pool.
    keep_first_error(std::current_exception());
  }
  task = Task();  // the task's captures die before it counts as finished
  std::atomic<std::uint64_t>& finished = workers_[self]->queue.finished;
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
    std::unique_lock<std::mutex> lock(idle_wait_mutex_);
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
  stop_accepting();
  if (drop_pending) {
    dropped_.fetch_add(drop_queued(), std::memory_order_seq_cst);
    if (idle_waiters_.fetch_add(0, std::memory_order_seq_cst) != 0) {
      std::lock_guard<std::mutex> lock(idle_wait_mutex_);
      idle_cv_.notify_all();
    }
  }
  wake_all_parked();
  join_workers();
  joined_ = true;
}

void PoolCore::shutdown_at_exit() noexcept {
  std::lock_guard<std::mutex> once(shutdown_mutex_);
  if (joined_) return;
  stop_accepting();
  dropped_.fetch_add(drop_queued(), std::memory_order_seq_cst);
  {
    std::lock_guard<std::mutex> lock(idle_wait_mutex_);
    idle_cv_.notify_all();
  }
  wake_all_parked();
  // Nothing queued, nothing accepted: with no task in flight none can start,
  // and every worker is about to return.
  const bool running = current_thread_is_worker() || tasks_in_flight() != 0;
  for (auto& worker : workers_) {
    if (!worker->thread.joinable()) continue;
    if (running) {
      worker->thread.detach();
    } else {
      worker->thread.join();
    }
  }
  joined_ = true;
}

// Under the overflow lock: a submitter that then finds the ring closed and
// falls back to the overflow queue is refused there.
void PoolCore::stop_accepting() {
  {
    std::lock_guard<std::mutex> lock(overflow_.mutex);
    stopping_.store(true, std::memory_order_release);
  }
  ring_.close();
}

// Empties every queue. The tasks are dropped outside the locks: destroying
// a never-run packaged_task stores broken_promise in its future, a
// TaskGroup's task counts itself finished, and user destructors may run.
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
  for (auto& worker : workers_) drain(worker->queue);
  for (Task& task : dropped) task.drop();
  return dropped.size();
}

// wake_all_parked() ran: no thread starts any more, so the slots are final.
void PoolCore::join_workers() {
  for (auto& worker : workers_)
    if (worker->thread.joinable()) worker->thread.join();
}

}  // namespace parlint::detail
