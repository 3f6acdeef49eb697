// The processes behind a ProcessPool: the fork server and its workers.
//
// The fork server is forked once, by the pool's constructor. It is single
// threaded, so it can fork at any time without the hazards of forking a
// multi-threaded program: it forks the workers, reaps them, reports a worker
// that died mid-task by marking the task record as crashed, and forks a
// replacement for it. It does little besides waitpid, fork, kill and ppoll.
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <exception>

#include "parlint/detail/process_channel.h"
#include "parlint/detail/process_spin.h"

namespace parlint::detail {

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected) {
  // Not FUTEX_PRIVATE_FLAG: the word is in memory shared between processes.
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT, expected, nullptr,
            nullptr, 0);
}

void futex_wake(std::atomic<std::uint32_t>& word, int count) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, count, nullptr, nullptr,
            0);
}

namespace {

void notify_collector(ControlBlock& control) {
  control.completions.fetch_add(1, std::memory_order_seq_cst);
  if (control.collector_sleeping.load(std::memory_order_seq_cst))
    futex_wake(control.completions, 1);
}

// Returns the new tail, or `head` itself when the pool is shutting down and
// nothing is left to run.
std::uint32_t wait_for_task(ControlBlock& control, WorkerChannel& channel, std::uint32_t head) {
  SpinBudget spin(kProcessSpinBudgetNs);
  for (;;) {
    std::uint32_t tail = channel.tail.load(std::memory_order_acquire);
    if (tail != head) return tail;
    if (control.shutting_down.load(std::memory_order_acquire)) return head;
    if (spin.keep_spinning()) continue;
    // Announce the sleep, then re-check: the parent stores tail before it
    // reads worker_sleeping, so one of us sees the other (both seq_cst).
    channel.worker_sleeping.store(1, std::memory_order_seq_cst);
    if (channel.tail.load(std::memory_order_seq_cst) == head &&
        !control.shutting_down.load(std::memory_order_seq_cst))
      futex_wait(channel.tail, head);
    channel.worker_sleeping.store(0, std::memory_order_relaxed);
    spin.restart();
  }
}

void copy_error(TaskRecord& record, const char* text) {
  std::strncpy(record.error, text, kProcessMaxErrorBytes - 1);
  record.error[kProcessMaxErrorBytes - 1] = '\0';
}

[[noreturn]] void run_worker(ControlBlock& control, std::size_t index) {
  WorkerChannel& channel = control.channel(index);
  for (;;) {
    std::uint32_t head = channel.head.load(std::memory_order_relaxed);
    if (wait_for_task(control, channel, head) == head) ::_exit(0);
    TaskRecord& record = channel.ring[head % kProcessRingSize];
    record.worker_pid = ::getpid();
    record.state.store(kTaskRunning, std::memory_order_release);
    std::uint32_t outcome = kTaskDone;
    try {
      record.invoke(record.args, record.result);
    } catch (const std::exception& e) {
      copy_error(record, e.what());
      outcome = kTaskThrew;
    } catch (...) {
      copy_error(record, "unknown exception (not derived from std::exception)");
      outcome = kTaskThrew;
    }
    record.state.store(outcome, std::memory_order_release);
    channel.head.store(head + 1, std::memory_order_release);
    notify_collector(control);
  }
}

void on_sigchld(int) {}

class ForkServer {
 public:
  ForkServer(ControlBlock& control, int parent_pipe) : control_(control), parent_pipe_(parent_pipe) {}

  [[noreturn]] void run() {
    // SIGCHLD stays blocked except inside ppoll, so a worker's death always
    // interrupts the wait and is never lost between waitpid and ppoll.
    sigset_t chld, unblocked;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    ::sigprocmask(SIG_BLOCK, &chld, &unblocked);
    sigdelset(&unblocked, SIGCHLD);
    struct sigaction sa {};
    sa.sa_handler = on_sigchld;
    ::sigaction(SIGCHLD, &sa, nullptr);

    for (std::size_t i = 0; i < control_.worker_count; ++i) start_worker(i);
    bool parent_closed = false;
    for (;;) {
      reap();
      if (parent_closed && live_ == 0) ::_exit(0);
      pollfd pfd{parent_pipe_, POLLIN, 0};
      int ready = ::ppoll(&pfd, 1, nullptr, &unblocked);
      if (ready > 0 && !parent_closed) {
        char byte;
        if (::read(parent_pipe_, &byte, 1) <= 0) {
          parent_closed = true;
          // A graceful shutdown has already told the workers to exit; a dead
          // parent has not, and nobody would ever give them work again.
          if (!control_.shutting_down.load()) {
            control_.shutting_down.store(1);
            kill_all();
          }
        }
      }
    }
  }

 private:
  void start_worker(std::size_t index) {
    pid_t pid = ::fork();
    if (pid < 0) {
      // Cannot replace the worker: its queued tasks would wait forever, so
      // stop the pool's workers; the parent reports the failure on shutdown.
      control_.channel(index).pid.store(0);
      return;
    }
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != server_pid_) ::_exit(1);  // the server died before prctl
      sigset_t none;
      sigemptyset(&none);
      ::signal(SIGCHLD, SIG_DFL);
      ::sigprocmask(SIG_SETMASK, &none, nullptr);
      ::close(parent_pipe_);
      run_worker(control_, index);
    }
    control_.channel(index).pid.store(pid);
    ++live_;
  }

  void reap() {
    int status = 0;
    pid_t pid;
    while ((pid = ::waitpid(-1, &status, WNOHANG)) > 0) {
      --live_;
      for (std::size_t i = 0; i < control_.worker_count; ++i) {
        if (control_.channel(i).pid.load() != pid) continue;
        control_.channel(i).pid.store(0);
        bool clean_exit = control_.shutting_down.load() && WIFEXITED(status) && WEXITSTATUS(status) == 0;
        if (!clean_exit) report_death(control_.channel(i), pid, status);
        if (!control_.shutting_down.load()) start_worker(i);
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
      if (state == kTaskRunning) {
        record.wait_status = status;
        record.worker_pid = pid;
        record.state.store(kTaskCrashed, std::memory_order_release);
        channel.head.store(head + 1, std::memory_order_release);
      } else if (state == kTaskDone || state == kTaskThrew) {
        channel.head.store(head + 1, std::memory_order_release);  // died after finishing
      }
    }
    notify_collector(control_);
  }

  void kill_all() {
    for (std::size_t i = 0; i < control_.worker_count; ++i)
      if (pid_t pid = control_.channel(i).pid.load()) ::kill(pid, SIGKILL);
  }

  ControlBlock& control_;
  int parent_pipe_;
  pid_t server_pid_ = ::getpid();
  std::size_t live_ = 0;
};

}  // namespace

void run_fork_server(ControlBlock& control, int parent_pipe) {
  ForkServer(control, parent_pipe).run();
}

}  // namespace parlint::detail
