#include "process_errors.h"

#include <sys/wait.h>

#include <cstring>

#include <fmt/format.h>

#include "parlint/process_errors.h"

namespace parlint::detail {
namespace {

std::string describe_death(const TaskRecord& record) {
  int status = record.wait_status;
  if (WIFSIGNALED(status)) {
    int sig = WTERMSIG(status);
    const char* abbrev = ::sigabbrev_np(sig);
    return fmt::format("parlint::ProcessPool: worker process {} was killed by signal {} (SIG{}: {}) while running this task",
                       record.worker_pid, sig, abbrev ? abbrev : "?", ::strsignal(sig));
  }
  return fmt::format("parlint::ProcessPool: worker process {} exited with status {} while running this task",
                     record.worker_pid, WEXITSTATUS(status));
}

}  // namespace

std::exception_ptr error_of(const TaskRecord& record) {
  if (record.state.load(std::memory_order_acquire) == kRecordThrew)
    return std::make_exception_ptr(RemoteTaskError(record.error));
  int status = record.wait_status;
  return std::make_exception_ptr(WorkerCrashed(describe_death(record), WIFSIGNALED(status) ? WTERMSIG(status) : 0,
                                               WIFSIGNALED(status) ? -1 : WEXITSTATUS(status)));
}

std::string fork_failed_reason(int error) {
  return fmt::format("parlint::ProcessPool is broken: the fork server could not fork a worker ({})",
                     std::strerror(error));
}

std::string server_died_reason(pid_t server) {
  return fmt::format("parlint::ProcessPool is broken: its fork server (pid {}) died", server);
}

}  // namespace parlint::detail
