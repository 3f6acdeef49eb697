// ProcessPool, parent side: submission into the workers' rings, and the
// collector thread that turns finished task records into future results.
#include "parlint/process_pool.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <new>
#include <string>
#include <system_error>
#include <thread>

#include "parlint/detail/process_spin.h"
#include "parlint/shared_memory.h"

namespace parlint {
namespace detail {
namespace {

std::string describe_death(const TaskRecord& record) {
  int status = record.wait_status;
  std::string who = "parlint::ProcessPool: worker process " + std::to_string(record.worker_pid);
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* abbrev = ::sigabbrev_np(sig);
    return who + " was killed by signal " + std::to_string(sig) + " (SIG" + (abbrev ? abbrev : "?") +
           ": " + ::strsignal(sig) + ") while running this task";
  }
  return who + " exited with status " + std::to_string(WEXITSTATUS(status)) + " while running this task";
}

std::exception_ptr error_of(const TaskRecord& record) {
  if (record.state.load(std::memory_order_acquire) == kTaskThrew)
    return std::make_exception_ptr(RemoteTaskError(record.error));
  int status = record.wait_status;
  return std::make_exception_ptr(WorkerCrashed(describe_death(record),
                                               WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                                               WIFSIGNALED(status) ? -1 : WEXITSTATUS(status)));
}

struct QueuedTask {
  ProcessTrampoline invoke;
  alignas(kProcessMaxAlign) unsigned char args[kProcessMaxArgBytes];
  std::unique_ptr<PendingTask> pending;
};

}  // namespace

class ProcessPoolCore {
 public:
  explicit ProcessPoolCore(std::size_t workers)
      : memory_(SharedMemory::anonymous(ControlBlock::bytes_for(workers))),
        control_(*new (memory_.data()) ControlBlock{}),
        pending_(workers) {
    for (std::size_t i = 0; i < workers; ++i) new (&control_.channel(i)) WorkerChannel{};
    control_.worker_count = static_cast<std::uint32_t>(workers);
    for (auto& ring : pending_) ring.resize(kProcessRingSize);
    collected_.assign(workers, 0);
    start_fork_server();
    collector_ = std::thread([this] { collect_loop(); });
  }

  ~ProcessPoolCore() {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      idle_.wait(lock, [&] { return in_flight_ == 0; });
    }
    control_.shutting_down.store(1, std::memory_order_seq_cst);
    for (std::size_t i = 0; i < control_.worker_count; ++i) futex_wake(control_.channel(i).tail, 1);
    stop_collector_.store(true);
    control_.completions.fetch_add(1);
    futex_wake(control_.completions, 1);
    collector_.join();
    ::close(server_pipe_);  // EOF tells the fork server to reap the workers and exit
    while (::waitpid(server_pid_, nullptr, 0) < 0 && errno == EINTR) {
    }
  }

  void enqueue(ProcessTrampoline invoke, const unsigned char* args, std::unique_ptr<PendingTask> pending) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++in_flight_;
    if (!overflow_.empty() || !push_to_least_loaded(invoke, args, pending)) {
      QueuedTask& q = overflow_.emplace_back();
      q.invoke = invoke;
      std::memcpy(q.args, args, kProcessMaxArgBytes);
      q.pending = std::move(pending);
    }
  }

  std::size_t size() const { return control_.worker_count; }
  pid_t fork_server_pid() const { return server_pid_; }
  std::vector<pid_t> worker_pids() const {
    std::vector<pid_t> out;
    for (std::size_t i = 0; i < control_.worker_count; ++i) out.push_back(control_.channel(i).pid.load());
    return out;
  }

 private:
  void start_fork_server() {
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

  // Caller holds mutex_. False when every ring is full.
  bool push_to_least_loaded(ProcessTrampoline invoke, const unsigned char* args,
                            std::unique_ptr<PendingTask>& pending) {
    std::size_t best = 0;
    std::uint32_t best_load = UINT32_MAX;
    for (std::size_t i = 0; i < control_.worker_count; ++i) {
      std::uint32_t load = control_.channel(i).tail.load(std::memory_order_relaxed) - collected_[i];
      if (load < best_load) {
        best = i;
        best_load = load;
      }
    }
    if (best_load >= kProcessRingSize) return false;
    WorkerChannel& channel = control_.channel(best);
    std::uint32_t tail = channel.tail.load(std::memory_order_relaxed);
    TaskRecord& record = channel.ring[tail % kProcessRingSize];
    record.invoke = invoke;
    std::memcpy(record.args, args, kProcessMaxArgBytes);
    record.state.store(kTaskQueued, std::memory_order_relaxed);
    pending_[best][tail % kProcessRingSize] = std::move(pending);
    channel.tail.store(tail + 1, std::memory_order_seq_cst);
    if (channel.worker_sleeping.load(std::memory_order_seq_cst)) futex_wake(channel.tail, 1);
    return true;
  }

  // Moves finished tasks out of the rings (under the lock), refills the rings
  // from the overflow queue, then completes the futures (outside the lock).
  bool collect_once() {
    // Cheap check first, without the lock: only this thread writes collected_.
    bool any = false;
    for (std::size_t i = 0; i < control_.worker_count && !any; ++i)
      any = control_.channel(i).head.load(std::memory_order_acquire) != collected_[i];
    if (!any) return false;
    std::vector<std::pair<std::unique_ptr<PendingTask>, std::exception_ptr>> finished;
    std::vector<std::pair<std::unique_ptr<PendingTask>, std::array<unsigned char, kProcessMaxResultBytes>>>
        results;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (std::size_t i = 0; i < control_.worker_count; ++i) {
        WorkerChannel& channel = control_.channel(i);
        std::uint32_t head = channel.head.load(std::memory_order_acquire);
        for (; collected_[i] != head; ++collected_[i]) {
          std::size_t slot = collected_[i] % kProcessRingSize;
          TaskRecord& record = channel.ring[slot];
          auto pending = std::move(pending_[i][slot]);
          // Copy the result out now: once collected_ moves on, the slot can
          // be refilled.
          if (record.state.load(std::memory_order_acquire) == kTaskDone) {
            results.emplace_back(std::move(pending), std::array<unsigned char, kProcessMaxResultBytes>{});
            std::memcpy(results.back().second.data(), record.result, kProcessMaxResultBytes);
          } else
            finished.emplace_back(std::move(pending), error_of(record));
        }
      }
      while (!overflow_.empty() &&
             push_to_least_loaded(overflow_.front().invoke, overflow_.front().args, overflow_.front().pending))
        overflow_.pop_front();
    }
    for (auto& r : results) r.first->set_result(r.second.data());
    for (auto& f : finished) f.first->set_error(f.second);
    std::size_t done = results.size() + finished.size();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      in_flight_ -= done;
      if (in_flight_ == 0) idle_.notify_all();
    }
    return done > 0;
  }

  void collect_loop() {
    SpinBudget spin(kProcessSpinBudgetNs);
    for (;;) {
      std::uint32_t seen = control_.completions.load(std::memory_order_seq_cst);
      if (collect_once()) {
        spin.restart();
        continue;
      }
      if (stop_collector_.load()) return;
      if (spin.keep_spinning()) continue;
      control_.collector_sleeping.store(1, std::memory_order_seq_cst);
      if (control_.completions.load(std::memory_order_seq_cst) == seen) futex_wait(control_.completions, seen);
      control_.collector_sleeping.store(0, std::memory_order_relaxed);
      spin.restart();
    }
  }

  SharedMemory memory_;
  ControlBlock& control_;
  std::mutex mutex_;
  std::condition_variable idle_;
  std::size_t in_flight_ = 0;
  std::vector<std::vector<std::unique_ptr<PendingTask>>> pending_;  // [worker][ring slot]
  std::vector<std::uint32_t> collected_;  // per worker; written only by the collector, under mutex_
  std::deque<QueuedTask> overflow_;                                 // every ring full
  std::atomic<bool> stop_collector_{false};
  std::thread collector_;
  int server_pipe_ = -1;
  pid_t server_pid_ = -1;
};

}  // namespace detail

std::size_t ProcessPool::default_workers() {
  return std::max(1u, std::thread::hardware_concurrency());
}

ProcessPool::ProcessPool() : ProcessPool(default_workers()) {}

ProcessPool::ProcessPool(std::size_t workers) {
  if (workers == 0) throw std::invalid_argument("parlint::ProcessPool: zero workers");
  core_ = std::make_unique<detail::ProcessPoolCore>(workers);
}

ProcessPool::~ProcessPool() = default;

void ProcessPool::enqueue(detail::ProcessTrampoline invoke, const unsigned char* args,
                          std::unique_ptr<detail::PendingTask> pending) {
  core_->enqueue(invoke, args, std::move(pending));
}

std::size_t ProcessPool::size() const { return core_->size(); }
std::vector<pid_t> ProcessPool::worker_pids() const { return core_->worker_pids(); }
pid_t ProcessPool::fork_server_pid() const { return core_->fork_server_pid(); }

}  // namespace parlint
