// The fork server of a ProcessPool.
//
// Forked once, by the pool's constructor. It is single threaded, so it can
// fork at any time without the hazards of forking a multi-threaded program:
// it forks the workers, reaps them, reports a worker that died mid-task by
// marking the task record as crashed, and forks a replacement for it. It does
// little besides waitpid, fork, kill and ppoll, and it sleeps in ppoll until
// a child changes state or the parent's pipe reaches EOF.
//
// It exits once the pool is shutting down (or its parent is gone) and no
// worker is left. A fork that fails breaks the pool: the server records the
// errno, kills the workers and wakes the parent, which fails every
// unfinished task with BrokenPool instead of waiting for a worker that will
// never exist.
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

#include "futex.h"
#include "process_channel.h"
#include "process_hygiene.h"
#include "process_seams.h"

namespace parlint::detail {
namespace {

void on_sigchld(int) {}

class ForkServer {
 public:
  ForkServer(ControlBlock& control, int parent_pipe) : control_(control), parent_pipe_(parent_pipe) {}

  [[noreturn]] void run() {
    close_descriptors_except(parent_pipe_);
    reset_signal_handlers();
    // SIGCHLD stays blocked except inside ppoll, so a worker's death always
    // interrupts the wait and is never lost between waitpid and ppoll.
    sigset_t chld;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, &creator_mask_);
    sigset_t in_ppoll = creator_mask_;
    sigdelset(&in_ppoll, SIGCHLD);
    struct sigaction sa {};
    sa.sa_handler = on_sigchld;
    ::sigaction(SIGCHLD, &sa, nullptr);

    for (std::size_t i = 0; i < control_.worker_count && !broken(); ++i) start_worker(i);
    control_.started.store(1, std::memory_order_seq_cst);
    futex_wake_all(control_.started);

    for (;;) {
      reap();
      bool stopping = parent_closed_ || control_.shutting_down.load(std::memory_order_acquire) != kRunning;
      if (stopping && live_ == 0) ::_exit(0);
      // After EOF the pipe stays readable for ever: stop watching it, or
      // ppoll would return at once in a busy loop.
      pollfd pfd{parent_closed_ ? -1 : parent_pipe_, POLLIN, 0};
      int ready = ::ppoll(&pfd, 1, nullptr, &in_ppoll);
      if (ready > 0 && (pfd.revents & (POLLIN | POLLHUP | POLLERR))) on_parent_pipe();
    }
  }

 private:
  bool broken() const { return control_.fork_errno.load(std::memory_order_acquire) != 0; }

  void on_parent_pipe() {
    char byte;
    if (::read(parent_pipe_, &byte, 1) > 0) return;  // the parent never writes; ignore
    parent_closed_ = true;
    // A graceful shutdown has already told the workers to exit; a dead
    // parent has not, and nobody would ever give them work again.
    if (control_.shutting_down.load(std::memory_order_acquire) == kRunning) {
      control_.shutting_down.store(kDrop, std::memory_order_seq_cst);
      kill_all();
    }
  }

  void start_worker(std::size_t index) {
    WorkerChannel& channel = control_.channel(index);
    channel.pid.store(0, std::memory_order_seq_cst);
    pid_t pid = seams::server_fork();
    if (pid < 0) {
      break_pool(errno);
      return;
    }
    if (pid == 0) become_worker(index);
    channel.pid.store(pid, std::memory_order_seq_cst);
    ++live_;
  }

  [[noreturn]] void become_worker(std::size_t index) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != server_pid_) ::_exit(1);  // the server died before prctl
    ::close(parent_pipe_);
    ::signal(SIGCHLD, SIG_DFL);
    ::sigprocmask(SIG_SETMASK, &creator_mask_, nullptr);
    run_worker(control_, index);
  }

  // No worker can be forked: the tasks of its channel would wait for ever.
  void break_pool(int error) {
    int expected = 0;
    control_.fork_errno.compare_exchange_strong(expected, error == 0 ? EAGAIN : error);
    control_.shutting_down.store(kDrop, std::memory_order_seq_cst);
    kill_all();
    notify_parent(control_);
  }

  void reap() {
    int status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
      --live_;
      for (std::size_t i = 0; i < control_.worker_count; ++i) {
        WorkerChannel& channel = control_.channel(i);
        if (channel.pid.load(std::memory_order_acquire) != pid) continue;
        bool stopping = control_.shutting_down.load(std::memory_order_acquire) != kRunning;
        bool clean_exit = stopping && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        // Workers killed because the pool broke are not crashes: the parent
        // fails their tasks with BrokenPool.
        if (!clean_exit && !broken()) report_death(channel, pid, status);
        if (!stopping && !broken())
          start_worker(i);
        else
          channel.pid.store(0, std::memory_order_seq_cst);
      }
    }
  }

  // Marks the task the dead worker was running (if any) as crashed and moves
  // its channel past it, so the replacement starts with the next task.
  void report_death(WorkerChannel& channel, pid_t pid, int status) {
    std::uint32_t head = channel.head.load(std::memory_order_acquire);
    if (head != channel.tail.load(std::memory_order_acquire)) {
      TaskRecord& record = channel.ring[head % kProcessRingSize];
      std::uint32_t state = record.state.load(std::memory_order_acquire);
      if (state == kRecordRunning) {
        record.wait_status = status;
        record.worker_pid = pid;
        record.state.store(kRecordCrashed, std::memory_order_release);
        channel.head.store(head + 1, std::memory_order_release);
      } else if (state == kRecordDone || state == kRecordThrew) {
        channel.head.store(head + 1, std::memory_order_release);  // died after finishing
      }
    }
    notify_parent(control_);
  }

  void kill_all() {
    for (std::size_t i = 0; i < control_.worker_count; ++i)
      if (pid_t pid = control_.channel(i).pid.load(std::memory_order_acquire)) ::kill(pid, SIGKILL);
  }

  ControlBlock& control_;
  int parent_pipe_;
  pid_t server_pid_ = ::getpid();
  sigset_t creator_mask_{};
  std::size_t live_ = 0;
  bool parent_closed_ = false;
};

}  // namespace

void run_fork_server(ControlBlock& control, int parent_pipe) { ForkServer(control, parent_pipe).run(); }

}  // namespace parlint::detail
