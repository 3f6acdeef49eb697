// ProcessPool, parent side: puts tasks into the workers' rings and settles
// their futures from the finished records. There is no collector thread:
// the thread that waits for a task reads the task's record itself and then
// settles, under the lock, every record finished so far (and refills the
// rings from the overflow queue). Implementation only.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

#include "parlint/detail/process_task.h"
#include "parlint/shared_memory.h"
#include "process_channel.h"

namespace parlint::detail {

class ProcessPoolCore {
 public:
  // Forks the fork server and waits until every worker runs. Throws
  // std::system_error when that fails.
  explicit ProcessPoolCore(std::size_t workers);
  ~ProcessPoolCore();  // shutdown(drop_pending = false)

  ProcessPoolCore(const ProcessPoolCore&) = delete;
  ProcessPoolCore& operator=(const ProcessPoolCore&) = delete;

  // The returned state carries two references: the pool's and the caller's.
  TaskState* enqueue(ProcessTrampoline invoke, const unsigned char* args);
  // Waits until `state` is settled or timeout_ns passed (negative: no limit).
  bool wait_for(TaskState& state, std::int64_t timeout_ns);
  void wait_idle();
  void shutdown(bool drop_pending);

  std::size_t size() const { return control_.worker_count; }
  pid_t fork_server_pid() const { return server_pid_; }
  std::vector<pid_t> worker_pids() const;

 private:
  struct QueuedTask {
    ProcessTrampoline invoke;
    alignas(kProcessMaxAlign) unsigned char args[kProcessMaxArgBytes];
    TaskState* state;
  };

  void start_fork_server();
  void wait_until_started();
  bool server_gone() const;
  bool record_finished(const TaskState& state);
  // The CPU the worker that holds `state` last waited on; -1 when unknown.
  int worker_cpu(const TaskState& state);
  // Sleeps until `completions` moves past `seen`, at most timeout_ns.
  void wait_for_completion(std::uint32_t seen, std::int64_t timeout_ns);
  void wait_for_record(const TaskState& state, std::int64_t timeout_ns);
  void ring_doorbell(WorkerChannel& channel);

  // Callers hold mutex_.
  bool push_to_ring(const QueuedTask& task);
  void harvest_locked();
  void settle(TaskState& state, std::exception_ptr error);
  void fail_unsettled_locked(const std::exception_ptr& error);
  // Breaks the pool when the fork server reported a failed fork or died.
  void check_broken_locked(bool server_checked_dead = false);

  SharedMemory memory_;
  ControlBlock& control_;
  int server_pipe_ = -1;
  pid_t server_pid_ = -1;

  std::mutex mutex_;
  std::vector<std::vector<TaskState*>> owners_;  // [worker][ring slot]
  std::vector<std::uint32_t> harvested_;         // per worker: records settled so far
  std::deque<QueuedTask> overflow_;              // every ring full
  std::size_t unsettled_ = 0;                    // tasks in a ring or in overflow_
  bool accepting_ = true;
  bool server_released_ = false;  // shutdown() closed the fork server's pipe
  std::string broken_reason_;
  std::atomic<bool> has_overflow_{false};
  std::atomic<bool> broken_{false};

  std::mutex shutdown_mutex_;
  bool shut_down_ = false;
};

}  // namespace parlint::detail
