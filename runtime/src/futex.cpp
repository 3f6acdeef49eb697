#include "futex.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <climits>

namespace parlint::detail {

void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeout_ns) {
  timespec ts{};
  timespec* limit = nullptr;
  if (timeout_ns >= 0) {
    ts.tv_sec = static_cast<time_t>(timeout_ns / 1000000000);
    ts.tv_nsec = static_cast<long>(timeout_ns % 1000000000);
    limit = &ts;  // FUTEX_WAIT takes a relative timeout
  }
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT, expected, limit, nullptr, 0);
}

void futex_wake(std::atomic<std::uint32_t>& word, int count) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, count, nullptr, nullptr, 0);
}

void futex_wait_private(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeout_ns) {
  futex_wait_private_at(&word, expected, timeout_ns);
}

void futex_wait_private_at(const void* word, std::uint32_t expected, std::int64_t timeout_ns) {
  timespec ts{};
  timespec* limit = nullptr;
  if (timeout_ns >= 0) {
    ts.tv_sec = static_cast<time_t>(timeout_ns / 1000000000);
    ts.tv_nsec = static_cast<long>(timeout_ns % 1000000000);
    limit = &ts;
  }
  ::syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, limit, nullptr, 0);
}

void futex_wake_private(std::atomic<std::uint32_t>& word, int count) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, count, nullptr, nullptr, 0);
}

void futex_wake_private_at(const void* word, int count) {
  ::syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, count, nullptr, nullptr, 0);
}

void futex_wake_all(std::atomic<std::uint32_t>& word) { futex_wake(word, INT_MAX); }

void futex_wait_bits(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::uint32_t bits,
                     std::int64_t timeout_ns) {
  timespec ts{};
  timespec* limit = nullptr;
  if (timeout_ns >= 0) {
    // FUTEX_WAIT_BITSET takes an absolute CLOCK_MONOTONIC deadline.
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    const std::int64_t at = std::int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec + timeout_ns;
    ts.tv_sec = static_cast<time_t>(at / 1000000000);
    ts.tv_nsec = static_cast<long>(at % 1000000000);
    limit = &ts;
  }
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_BITSET, expected, limit, nullptr, bits);
}

void futex_wake_bits(std::atomic<std::uint32_t>& word, std::uint32_t bits) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_BITSET, INT_MAX, nullptr, nullptr, bits);
}

}  // namespace parlint::detail
