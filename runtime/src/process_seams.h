// Test seams of the ProcessPool: points where the fault and race tests inject
// a scheduling delay or a failing fork(). Only the test build of the runtime
// (target parlint_runtime_seams, PARLINT_TEST_SEAMS defined) has them; in the
// library users link they are inline no-ops and a plain fork().
//
// The settings are plain globals read in the fork server and the workers,
// which are forked copies of the test: set them before constructing the pool.
#pragma once

#include <sys/types.h>
#include <unistd.h>

namespace parlint::detail::seams {

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
};

#ifdef PARLINT_TEST_SEAMS
Settings& settings();
void before_worker_sleep();
void before_worker_exit();
pid_t server_fork();
#else
inline void before_worker_sleep() {}
inline void before_worker_exit() {}
inline pid_t server_fork() { return ::fork(); }
#endif

}  // namespace parlint::detail::seams
