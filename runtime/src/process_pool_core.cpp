#include "process_pool_core.h"

#include "process_seams.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <future>
#include <new>
#include <system_error>

#include "futex.h"
#include "parlint/process_errors.h"
#include "process_errors.h"
#include "process_spin.h"

namespace parlint::detail {
namespace {

// How often a sleeping waiter checks that the fork server still exists.
constexpr std::int64_t kLivenessCheckNs = 20 * 1000 * 1000;

std::int64_t now_ns() {
  timespec ts;
  ::clock_gettime(CLOCK_MONOTONIC, &ts);
  return std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

bool is_settled(const TaskState& state) {
  return state.status.load(std::memory_order_acquire) != TaskState::kPending;
}

}  // namespace

ProcessPoolCore::ProcessPoolCore(std::size_t workers)
    : memory_(SharedMemory::anonymous(ControlBlock::bytes_for(workers))),
      control_(*new (memory_.data()) ControlBlock{}),
      owners_(workers, std::vector<TaskState*>(kProcessRingSize, nullptr)),
      harvested_(workers, 0) {
  for (std::size_t i = 0; i < workers; ++i) new (&control_.channel(i)) WorkerChannel{};
  control_.worker_count = static_cast<std::uint32_t>(workers);
  start_fork_server();
  wait_until_started();
}

ProcessPoolCore::~ProcessPoolCore() { shutdown(false); }

void ProcessPoolCore::start_fork_server() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::system_error(errno, std::generic_category(), "parlint::ProcessPool: pipe");
  pid_t pid = ::fork();
  if (pid < 0) {
    int error = errno;
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::system_error(error, std::generic_category(), "parlint::ProcessPool: fork");
  }
  if (pid == 0) {
    ::close(fds[1]);
    run_fork_server(control_, fds[0]);
  }
  ::close(fds[0]);
  server_pipe_ = fds[1];
  server_pid_ = pid;
}

// Bounded: ends when the server reports, fails to fork, or dies.
void ProcessPoolCore::wait_until_started() {
  while (control_.started.load(std::memory_order_seq_cst) == 0 && !server_gone())
    futex_wait(control_.started, 0, kLivenessCheckNs);
  int error = control_.fork_errno.load(std::memory_order_acquire);
  if (control_.started.load(std::memory_order_seq_cst) != 0 && error == 0) return;
  ::close(server_pipe_);
  while (::waitpid(server_pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  shut_down_ = true;
  if (error != 0)
    throw std::system_error(error, std::generic_category(), "parlint::ProcessPool: cannot fork a worker");
  throw std::system_error(ECHILD, std::generic_category(), "parlint::ProcessPool: the fork server died at startup");
}

// Only the fork server holds the read end of its pipe (it closes every other
// descriptor, workers close it): POLLERR on our write end means it is gone.
bool ProcessPoolCore::server_gone() const {
  pollfd pfd{server_pipe_, POLLOUT, 0};
  return ::poll(&pfd, 1, 0) == 1 && (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) != 0;
}

std::vector<pid_t> ProcessPoolCore::worker_pids() const {
  std::vector<pid_t> out;
  for (std::size_t i = 0; i < control_.worker_count; ++i)
    out.push_back(control_.channel(i).pid.load(std::memory_order_acquire));
  return out;
}

TaskState* ProcessPoolCore::enqueue(ProcessTrampoline invoke, const unsigned char* args) {
  publish_cpu(control_.parent_cpu);
  std::lock_guard<std::mutex> lock(mutex_);
  check_broken_locked();
  if (broken_.load(std::memory_order_relaxed)) throw BrokenPool(broken_reason_);
  if (!accepting_) throw std::runtime_error("parlint::ProcessPool: submit after shutdown()");
  QueuedTask task;
  task.invoke = invoke;
  std::memcpy(task.args, args, kProcessMaxArgBytes);
  task.state = new TaskState;
  ++unsettled_;
  if (overflow_.empty() && push_to_ring(task)) return task.state;
  harvest_locked();  // frees the slots of finished tasks, refills from overflow_
  if (overflow_.empty() && push_to_ring(task)) return task.state;
  overflow_.push_back(task);
  has_overflow_.store(true, std::memory_order_release);
  return task.state;
}

// Caller holds mutex_. False when every ring is full.
bool ProcessPoolCore::push_to_ring(const QueuedTask& task) {
  std::size_t best = 0;
  std::uint32_t best_load = UINT32_MAX;
  for (std::size_t i = 0; i < control_.worker_count; ++i) {
    std::uint32_t load = control_.channel(i).tail.load(std::memory_order_relaxed) - harvested_[i];
    if (load < best_load) {
      best = i;
      best_load = load;
    }
  }
  if (best_load >= kProcessRingSize) return false;
  WorkerChannel& channel = control_.channel(best);
  std::uint32_t tail = channel.tail.load(std::memory_order_relaxed);
  std::size_t slot = tail % kProcessRingSize;
  TaskRecord& record = channel.ring[slot];
  record.invoke = task.invoke;
  std::memcpy(record.args, task.args, kProcessMaxArgBytes);
  record.state.store(kRecordQueued, std::memory_order_relaxed);
  owners_[best][slot] = task.state;
  task.state->channel = static_cast<std::uint32_t>(best);
  task.state->sequence = tail;
  task.state->placed.store(true, std::memory_order_release);
  channel.tail.store(tail + 1, std::memory_order_seq_cst);
  if (channel.worker_sleeping.load(std::memory_order_seq_cst)) ring_doorbell(channel);
  return true;
}

void ProcessPoolCore::ring_doorbell(WorkerChannel& channel) {
  channel.doorbell.fetch_add(1, std::memory_order_seq_cst);
  futex_wake(channel.doorbell, 1);
}

// Settles every record finished since the last harvest, then refills the
// rings from the overflow queue. Caller holds mutex_.
void ProcessPoolCore::harvest_locked() {
  // A broken pool settled everything already, past records no worker ran.
  if (broken_.load(std::memory_order_relaxed)) return;
  for (std::size_t i = 0; i < control_.worker_count; ++i) {
    WorkerChannel& channel = control_.channel(i);
    std::uint32_t head = channel.head.load(std::memory_order_acquire);
    for (; static_cast<std::int32_t>(head - harvested_[i]) > 0; ++harvested_[i]) {
      std::size_t slot = harvested_[i] % kProcessRingSize;
      TaskState* state = std::exchange(owners_[i][slot], nullptr);
      const TaskRecord& record = channel.ring[slot];
      if (record.state.load(std::memory_order_acquire) == kRecordDone) {
        std::memcpy(state->result, record.result, kProcessMaxResultBytes);
        settle(*state, nullptr);
      } else {
        settle(*state, error_of(record));
      }
    }
  }
  while (!overflow_.empty() && push_to_ring(overflow_.front())) overflow_.pop_front();
  has_overflow_.store(!overflow_.empty(), std::memory_order_release);
}

// Publishes the outcome and drops the pool's reference. Caller holds mutex_.
void ProcessPoolCore::settle(TaskState& state, std::exception_ptr error) {
  if (error) state.error = std::move(error);
  state.status.store(state.error ? TaskState::kFailed : TaskState::kDone, std::memory_order_release);
  --unsettled_;
  state.release();
}

// Fails every task still in a ring or in overflow. Only for a pool whose
// workers are gone or will run nothing more. Caller holds mutex_.
void ProcessPoolCore::fail_unsettled_locked(const std::exception_ptr& error) {
  for (std::size_t i = 0; i < control_.worker_count; ++i) {
    std::uint32_t tail = control_.channel(i).tail.load(std::memory_order_relaxed);
    for (; harvested_[i] != tail; ++harvested_[i])
      settle(*std::exchange(owners_[i][harvested_[i] % kProcessRingSize], nullptr), error);
  }
  for (QueuedTask& task : overflow_) settle(*task.state, error);
  overflow_.clear();
  has_overflow_.store(false, std::memory_order_release);
}

void ProcessPoolCore::check_broken_locked(bool server_checked_dead) {
  if (broken_.load(std::memory_order_relaxed)) return;
  if (server_released_) server_checked_dead = false;
  int error = control_.fork_errno.load(std::memory_order_acquire);
  if (error == 0 && !server_checked_dead) return;
  harvest_locked();  // what finished before the breakage keeps its result
  broken_reason_ = error != 0 ? fork_failed_reason(error) : server_died_reason(server_pid_);
  fail_unsettled_locked(std::make_exception_ptr(BrokenPool(broken_reason_)));
  broken_.store(true, std::memory_order_release);
}

int ProcessPoolCore::worker_cpu(const TaskState& state) {
  if (!state.placed.load(std::memory_order_acquire)) return -1;
  return control_.channel(state.channel).cpu.load(std::memory_order_relaxed);
}

bool ProcessPoolCore::record_finished(const TaskState& state) {
  if (!state.placed.load(std::memory_order_acquire)) return false;
  const WorkerChannel& channel = control_.channel(state.channel);
  return static_cast<std::int32_t>(channel.head.load(std::memory_order_acquire) - state.sequence) > 0;
}

void ProcessPoolCore::wait_for_completion(std::uint32_t seen, std::int64_t timeout_ns) {
  // waiters before the re-check, the worker's completions bump before its
  // waiters check (all seq_cst): one of the two sees the other.
  control_.waiters.fetch_add(1, std::memory_order_seq_cst);
  if (control_.completions.load(std::memory_order_seq_cst) == seen)
    futex_wait(control_.completions, seen, timeout_ns);
  control_.waiters.fetch_sub(1, std::memory_order_seq_cst);
}

// Sleeps until the worker holding `state` finishes its record (or anything
// wakes every waiter: a death, a breakage, shutdown), at most timeout_ns.
// Finishing other records does not wake it: in a batch, a waiter woken per
// finished task costs the worker a system call per task.
void ProcessPoolCore::wait_for_record(const TaskState& state, std::int64_t timeout_ns) {
  WorkerChannel& channel = control_.channel(state.channel);
  channel.head_waiters.fetch_add(1, std::memory_order_seq_cst);
  const std::uint32_t head = channel.head.load(std::memory_order_seq_cst);
  // FUTEX_WAIT_BITSET fails when head moved since we read it, so neither a
  // finish nor a dead worker's record (the fork server moves head, then wakes
  // everyone) is missed. A breakage moves no head: one that happened is seen
  // here; one that races with this check is seen at the caller's next
  // liveness check (kLivenessCheckNs), as a dead fork server is.
  if (static_cast<std::int32_t>(head - state.sequence) <= 0 && control_.fork_errno.load(std::memory_order_seq_cst) == 0)
    futex_wait_bits(channel.head, head, record_bit(state.sequence), timeout_ns);
  channel.head_waiters.fetch_sub(1, std::memory_order_seq_cst);
}

bool ProcessPoolCore::wait_for(TaskState& state, std::int64_t timeout_ns) {
  const std::int64_t deadline = timeout_ns < 0 ? INT64_MAX : now_ns() + timeout_ns;
  SpinBudget spin(kProcessSpinBudgetNs);
  publish_cpu(control_.parent_cpu);
  std::uint32_t harvested_at = control_.completions.load(std::memory_order_seq_cst) - 1;
  for (;;) {
    if (is_settled(state)) return true;
    std::uint32_t seen = control_.completions.load(std::memory_order_seq_cst);
    bool moved = seen != harvested_at &&
                 (has_overflow_.load(std::memory_order_acquire) || control_.fork_errno.load(std::memory_order_relaxed));
    if (record_finished(state) || moved) {
      std::lock_guard<std::mutex> lock(mutex_);
      harvested_at = seen;
      harvest_locked();
      check_broken_locked();
      continue;
    }
    std::int64_t now = now_ns();
    if (now >= deadline) return false;
    if (spin.keep_spinning(worker_cpu(state))) continue;
    // A task in a ring waits for its record; one still in the overflow
    // queue for any completion (which frees ring slots to harvest).
    if (state.placed.load(std::memory_order_acquire)) {
      wait_for_record(state, std::min(kLivenessCheckNs, deadline - now));
    } else {
      wait_for_completion(seen, std::min(kLivenessCheckNs, deadline - now));
    }
    if (control_.completions.load(std::memory_order_seq_cst) == seen && server_gone()) {
      std::lock_guard<std::mutex> lock(mutex_);
      check_broken_locked(true);
    }
    spin.restart();
  }
}

void ProcessPoolCore::wait_idle() {
  for (;;) {
    std::uint32_t seen = control_.completions.load(std::memory_order_seq_cst);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      harvest_locked();
      check_broken_locked();
      if (unsettled_ == 0) return;
    }
    wait_for_completion(seen, kLivenessCheckNs);
    if (control_.completions.load(std::memory_order_seq_cst) == seen && server_gone()) {
      std::lock_guard<std::mutex> lock(mutex_);
      check_broken_locked(true);
    }
  }
}

void ProcessPoolCore::shutdown(bool drop_pending) {
  std::lock_guard<std::mutex> once(shutdown_mutex_);
  if (shut_down_) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    accepting_ = false;
  }
  if (drop_pending) {
    std::lock_guard<std::mutex> lock(mutex_);
    control_.shutting_down.store(kDrop, std::memory_order_seq_cst);
  } else {
    wait_idle();
    control_.shutting_down.store(kDrain, std::memory_order_seq_cst);
  }
  for (std::size_t i = 0; i < control_.worker_count; ++i) ring_doorbell(control_.channel(i));
  seams::after_shutdown_signalled();
  {
    // From here on the fork server exits on purpose: a thread still waiting
    // for a task must not take that for a death (shutdown settles its task).
    std::lock_guard<std::mutex> lock(mutex_);
    server_released_ = true;
  }
  ::close(server_pipe_);  // EOF: the fork server exits as soon as its workers have
  while (::waitpid(server_pid_, nullptr, 0) < 0 && errno == EINTR) {
  }
  {
    // Whatever no worker ran (drop_pending, or a broken pool) fails now.
    std::lock_guard<std::mutex> lock(mutex_);
    harvest_locked();
    fail_unsettled_locked(std::make_exception_ptr(std::future_error(std::future_errc::broken_promise)));
  }
  notify_parent(control_);  // other threads waiting for those tasks
  shut_down_ = true;
}

bool wait_for_task(ProcessPoolCore& core, TaskState& state, std::int64_t timeout_ns) {
  return core.wait_for(state, timeout_ns);
}

}  // namespace parlint::detail
