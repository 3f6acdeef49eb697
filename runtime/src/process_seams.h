// Test seams of the ProcessPool and the ThreadPool: points where the fault
// and race tests inject a scheduling delay or a failing fork(). Only the test
// build of the runtime (target parlint_runtime_seams, PARLINT_TEST_SEAMS
// defined) has them; in the library users link they are inline no-ops and a
// plain fork().
//
// The settings are plain globals read in the fork server and the workers,
// which are forked copies of the test, and in ThreadPool workers: set them
// before constructing the pool.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <atomic>

namespace parlint::detail::seams {

// Lets a test see ProcessPool workers inside their sleep window and decide
// when each leaves it. Lives in MAP_SHARED memory the test maps before it
// constructs the pool (the workers are forked copies).
struct SleepWindowProbe {
  std::atomic<int> entered{0};  // entries into the window so far
  std::atomic<int> inside{0};   // workers in the window now
  // A worker at its n-th entry (1-based, counted over all workers) stays in
  // the window until opened >= n; the test raises it.
  std::atomic<int> opened{0};
};

struct Settings {
  // A worker sleeps this long between its last "anything to do?" check and
  // its futex sleep: the window of a lost wake-up.
  int worker_sleep_delay_ms = 0;
  // A worker sleeps this long after it decided to exit, before _exit: the
  // fork server then waits for it with the parent's pipe already at EOF.
  int worker_exit_delay_ms = 0;
  // The fork server's n-th fork() (1-based, counted per server) fails with
  // EAGAIN; 0 never fails.
  int fail_fork_number = 0;
  // When set, ProcessPool workers report entering and leaving their sleep
  // window here and wait in it until the test opens their entry.
  SleepWindowProbe* worker_sleep_probe = nullptr;
  // Called in the parent by ProcessPool::shutdown() right after it told the
  // workers to stop (drain or drop) and rang their doorbells.
  void (*after_shutdown_signalled)(void* arg) = nullptr;
  void* after_shutdown_signalled_arg = nullptr;
  // ThreadPool: a worker that found no work waits this long before it
  // registers as parked (the window in which a submitter still sees it
  // searching, or busy, and wakes nobody: its last look must find the task).
  int pool_park_delay_us = 0;
  // ThreadPool: a submitter waits this long between publishing a task and
  // reading whether a worker searches (the window in which a searcher may
  // leave without seeing the task).
  int pool_announce_delay_us = 0;
  // ThreadPool: a searcher that found a task waits this long after it
  // stopped counting as a searcher, before it looks for more work to hand on.
  int pool_leave_search_delay_us = 0;
};

#ifdef PARLINT_TEST_SEAMS
Settings& settings();
void before_worker_sleep();
void before_worker_exit();
pid_t server_fork();
void pool_before_park();
void pool_before_announce();
void pool_after_leave_searching();
void after_shutdown_signalled();
// ThreadPool workers parked right now (in every pool of the process).
int pool_workers_parked();
void pool_parking(int change);
#else
inline void before_worker_sleep() {}
inline void before_worker_exit() {}
inline pid_t server_fork() { return ::fork(); }
inline void pool_before_park() {}
inline void pool_before_announce() {}
inline void pool_after_leave_searching() {}
inline void after_shutdown_signalled() {}
inline void pool_parking(int) {}
#endif

}  // namespace parlint::detail::seams
