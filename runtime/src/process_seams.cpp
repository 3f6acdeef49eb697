// The test build's implementation of process_seams.h (see there).
#include "process_seams.h"

#ifdef PARLINT_TEST_SEAMS
#include <time.h>

#include <cerrno>

namespace parlint::detail::seams {
namespace {

Settings g_settings;
std::atomic<int> g_pool_parked{0};
int g_forks = 0;  // per process: each fork server counts its own forks

void sleep_us(int us) {
  if (us <= 0) return;
  timespec ts{us / 1000000, (us % 1000000) * 1000L};
  while (::nanosleep(&ts, &ts) != 0 && errno == EINTR) {
  }
}

void sleep_ms(int ms) { sleep_us(ms * 1000); }

}  // namespace

Settings& settings() { return g_settings; }
void before_worker_sleep() {
  if (SleepWindowProbe* probe = g_settings.worker_sleep_probe) {
    const int entry = probe->entered.fetch_add(1, std::memory_order_seq_cst) + 1;
    probe->inside.fetch_add(1, std::memory_order_seq_cst);
    while (probe->opened.load(std::memory_order_seq_cst) < entry) sleep_us(200);
    probe->inside.fetch_sub(1, std::memory_order_seq_cst);
  }
  sleep_ms(g_settings.worker_sleep_delay_ms);
}
void before_worker_exit() { sleep_ms(g_settings.worker_exit_delay_ms); }

void pool_before_park() { sleep_us(g_settings.pool_park_delay_us); }
void pool_before_announce() { sleep_us(g_settings.pool_announce_delay_us); }
void pool_after_leave_searching() { sleep_us(g_settings.pool_leave_search_delay_us); }

void after_shutdown_signalled() {
  if (g_settings.after_shutdown_signalled) g_settings.after_shutdown_signalled(g_settings.after_shutdown_signalled_arg);
}

int pool_workers_parked() { return g_pool_parked.load(std::memory_order_seq_cst); }
void pool_parking(int change) { g_pool_parked.fetch_add(change, std::memory_order_seq_cst); }

pid_t server_fork() {
  if (++g_forks == g_settings.fail_fork_number) {
    errno = EAGAIN;
    return -1;
  }
  return ::fork();
}

}  // namespace parlint::detail::seams
#endif
