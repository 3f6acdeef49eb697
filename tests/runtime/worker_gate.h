// A test helper for ThreadPool suites: occupies the only worker of a
// one-thread pool until opened, so tasks submitted meanwhile are certainly
// still queued.
#pragma once

#include "parlint/thread_pool.h"

#include <future>
#include <stdexcept>
#include <thread>
#include <utility>

namespace parlint::testing {

class WorkerGate {
 public:
  explicit WorkerGate(ThreadPool& pool) : opened_(open_.get_future().share()) {
    std::promise<void> started;
    auto started_future = started.get_future();
    // The task owns its copy of the shared future: the gate may be gone
    // before the task ends.
    blocker_ = pool.submit([opened = opened_, s = std::move(started)]() mutable {
      s.set_value();
      opened.wait();
    });
    started_future.wait();
  }
  void open() { open_.set_value(); }

 private:
  std::promise<void> open_;
  std::shared_future<void> opened_;
  std::future<void> blocker_;
};

// Returns once `pool` has begun shutting down: a post from outside then
// throws. Posts before that are no-op tasks, run or dropped with the rest.
inline void wait_until_shutdown_began(ThreadPool& pool) {
  for (;;) {
    try {
      pool.post([] {});
    } catch (const std::runtime_error&) {
      return;
    }
    std::this_thread::yield();
  }
}

}  // namespace parlint::testing
