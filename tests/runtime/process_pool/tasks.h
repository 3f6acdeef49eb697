// Task functions shared by the process-pool tests (plain functions: the
// workers are forked copies of the test, so the addresses match).
#pragma once

#include <unistd.h>

#include <chrono>
#include <thread>

#include "parlint/process_pool.h"
#include "parlint/shared_value.h"

namespace pp_test {

inline int add(int a, int b) { return a + b; }
inline long own_pid() { return static_cast<long>(::getpid()); }
[[noreturn]] inline int abort_task(int) { std::abort(); }

// Publishes its pid, then blocks until killed.
inline int hang(long* pid_out) {
  __atomic_store_n(pid_out, static_cast<long>(::getpid()), __ATOMIC_SEQ_CST);
  for (;;) ::pause();
}

// Publishes its pid, then runs until the test stores a non-zero `release`
// (both in shared memory made before the pool), and returns `value`. The
// test then knows the task is running, and decides when it ends.
inline int run_until_released(long* pid_out, int* release, int value) {
  __atomic_store_n(pid_out, static_cast<long>(::getpid()), __ATOMIC_SEQ_CST);
  while (__atomic_load_n(release, __ATOMIC_SEQ_CST) == 0)
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  return value;
}

// A task that lasts `ms` (work, not a synchronization: the tests using it
// accept any scheduling of it).
inline int sleep_then_return(int ms) {
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  return ms;
}

// Waits (bounded) for a worker to publish its pid into `slot`.
inline long wait_for_pid(parlint::SharedValue<long>& slot) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (slot.load() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return slot.load();
}

// True when running a task on `pool` fails with BrokenPool, whether submit
// or get reports it.
inline bool fails_as_broken(parlint::ProcessPool& pool) {
  try {
    pool.submit(&add, 1, 2).get();
  } catch (const parlint::BrokenPool&) {
    return true;
  }
  return false;
}

}  // namespace pp_test
