// The errors a ProcessPool task's future can throw besides the task's own.
#pragma once

#include <stdexcept>
#include <string>

namespace parlint {

// A worker process died while running the task.
class WorkerCrashed : public std::runtime_error {
 public:
  WorkerCrashed(const std::string& what, int signal_number, int exit_status)
      : std::runtime_error(what), signal_(signal_number), exit_status_(exit_status) {}
  // The signal that killed the worker, or 0 if it exited.
  int signal_number() const { return signal_; }
  // The worker's exit status, or -1 if a signal killed it.
  int exit_status() const { return exit_status_; }

 private:
  int signal_;
  int exit_status_;
};

// The task threw an exception in the worker; what() is the original text
// (truncated to 159 bytes; the original type cannot cross processes).
class RemoteTaskError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The pool can no longer run tasks: its fork server died, or it could not
// fork a worker. Every unfinished task's future throws it, and so does
// submit() once the pool knows.
class BrokenPool : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace parlint
