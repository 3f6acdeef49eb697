#include "process_hygiene.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <climits>

namespace parlint::detail {
namespace {

void close_range_of(unsigned first, unsigned last) {
  if (first > last) return;
#ifdef SYS_close_range
  if (::syscall(SYS_close_range, first, last, 0) == 0) return;
#endif
  // Kernels before 5.9: close one by one, up to the descriptor limit.
  rlimit limit{};
  unsigned top = ::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
                     ? static_cast<unsigned>(limit.rlim_cur)
                     : 65536u;
  for (unsigned fd = first; fd <= last && fd < top; ++fd) ::close(static_cast<int>(fd));
}

}  // namespace

void close_descriptors_except(int keep) {
  if (keep <= 2) {
    close_range_of(3, UINT_MAX);
    return;
  }
  close_range_of(3, static_cast<unsigned>(keep) - 1);
  close_range_of(static_cast<unsigned>(keep) + 1, UINT_MAX);
}

void reset_signal_handlers() {
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig == SIGKILL || sig == SIGSTOP) continue;
    struct sigaction current {};
    if (::sigaction(sig, nullptr, &current) != 0) continue;  // reserved (libc's real-time signals)
    bool caught = (current.sa_flags & SA_SIGINFO) != 0 ||
                  (current.sa_handler != SIG_DFL && current.sa_handler != SIG_IGN);
    if (!caught) continue;
    struct sigaction reset {};
    reset.sa_handler = SIG_DFL;
    ::sigaction(sig, &reset, nullptr);
  }
}

}  // namespace parlint::detail
