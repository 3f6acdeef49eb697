// The test build's implementation of process_seams.h (see there).
#include "process_seams.h"

#ifdef PARLINT_TEST_SEAMS
#include <time.h>

#include <cerrno>

namespace parlint::detail::seams {
namespace {

Settings g_settings;
int g_forks = 0;  // per process: each fork server counts its own forks

void sleep_ms(int ms) {
  if (ms <= 0) return;
  timespec ts{ms / 1000, (ms % 1000) * 1000000L};
  while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

}  // namespace

Settings& settings() { return g_settings; }
void before_worker_sleep() { sleep_ms(g_settings.worker_sleep_delay_ms); }
void before_worker_exit() { sleep_ms(g_settings.worker_exit_delay_ms); }

pid_t server_fork() {
  if (++g_forks == g_settings.fail_fork_number) {
    errno = EAGAIN;
    return -1;
  }
  return ::fork();
}

}  // namespace parlint::detail::seams
#endif
