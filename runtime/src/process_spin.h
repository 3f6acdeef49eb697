// Bounded spinning before a futex sleep, shared by ProcessPool's workers and
// the threads that wait for their results. A futex wake-up costs several
// microseconds on a VM (more when the sleeper's CPU has gone idle), so a
// waiter that expects work soon polls for a short while first. Spinning only
// pays while the thread it waits for runs on another CPU, so the waiter goes
// to sleep early when spinning cannot succeed:
// - the other side last ran on this very CPU: it cannot make progress while
//   we spin (on a loaded machine the scheduler often puts both processes on
//   one CPU);
// - we were preempted between two polls: the machine is oversubscribed.
//   Sleeping then beats both spinning on and sched_yield(): a yield pushes
//   the yielder behind every other runnable task for a whole time slice
//   (milliseconds; measured as 70% of a loaded round-trip benchmark's time),
//   while a sleeper woken by the futex is placed ahead again.
// Never unbounded: the budget caps every spin.
// Implementation only: not installed.
#pragma once

#include <sched.h>
#include <time.h>

#include <atomic>
#include <cstdint>

namespace parlint::detail {

class SpinBudget {
 public:
  explicit SpinBudget(std::int64_t budget_ns) : budget_ns_(budget_ns) { restart(); }

  void restart() {
    polls_ = 0;
    start_ns_ = last_ns_ = now_ns();
  }

  // One more poll; false once spinning should stop (time to sleep).
  // other_cpu: the CPU the awaited thread published, or -1 when unknown.
  bool keep_spinning(int other_cpu = -1) {
    cpu_relax();
    if (++polls_ % kPollsPerCheck != 0) return true;
    std::int64_t now = now_ns();
    const bool preempted = now - last_ns_ > kPreemptedNs;
    last_ns_ = now;
    if (preempted || now - start_ns_ > budget_ns_) return false;
    if (other_cpu >= 0 && other_cpu == current_cpu()) {
      // The other side waits for this CPU: hand it over. A yield that took
      // long gave the CPU to some other program for a time slice: stop.
      ::sched_yield();
      now = now_ns();
      const bool slow_yield = now - last_ns_ > kPreemptedNs;
      last_ns_ = now;
      return !slow_yield;
    }
    return true;
  }

  // The calling thread's CPU (glibc reads it from the rseq area: no system call).
  static int current_cpu() { return ::sched_getcpu(); }

 private:
  static constexpr int kPollsPerCheck = 16;
  // Far longer than 16 pause instructions: the thread was descheduled.
  static constexpr std::int64_t kPreemptedNs = 20000;

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
  std::int64_t last_ns_ = 0;
  int polls_ = 0;
};

// Records the calling thread's CPU in `slot` for the other side's
// keep_spinning(); written only when it changed, so the line stays shared.
inline void publish_cpu(std::atomic<std::int32_t>& slot) {
  const int cpu = SpinBudget::current_cpu();
  if (slot.load(std::memory_order_relaxed) != cpu) slot.store(cpu, std::memory_order_relaxed);
}

// How long a worker, or a thread waiting for a result, polls before it sleeps.
constexpr std::int64_t kProcessSpinBudgetNs = 100000;

}  // namespace parlint::detail
