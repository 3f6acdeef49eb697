// Bounded spinning before a futex sleep, shared by ProcessPool's workers and
// the threads that wait for their results. A futex wake-up costs several
// microseconds on a VM, so a waiter that expects work soon polls for a short
// while first; after a few pause instructions it yields the CPU on every
// poll, so that on an oversubscribed machine the spinning never starves the
// thread it waits for.
// Implementation only: not installed.
#pragma once

#include <sched.h>
#include <time.h>

#include <cstdint>

namespace parlint::detail {

class SpinBudget {
 public:
  explicit SpinBudget(std::int64_t budget_ns) : budget_ns_(budget_ns) { restart(); }

  void restart() {
    polls_ = 0;
    start_ns_ = now_ns();
  }

  // One more poll; false once the budget is spent (time to sleep).
  bool keep_spinning() {
    if (++polls_ < kPausePolls) {
      cpu_relax();
      return true;
    }
    if (now_ns() - start_ns_ > budget_ns_) return false;
    ::sched_yield();
    return true;
  }

 private:
  static constexpr int kPausePolls = 64;

  // Tells the CPU this is a spin-wait (cheaper for the sibling hyperthread).
  static void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
  }

  static std::int64_t now_ns() {
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC, &ts);  // vDSO: no system call
    return std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
  }

  std::int64_t budget_ns_;
  std::int64_t start_ns_ = 0;
  int polls_ = 0;
};

// How long a worker, or a thread waiting for a result, polls before it sleeps.
constexpr std::int64_t kProcessSpinBudgetNs = 100000;

}  // namespace parlint::detail
