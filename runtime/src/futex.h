// Futex wait/wake on 32-bit words in MAP_SHARED memory (process-shared
// futexes: no FUTEX_PRIVATE_FLAG). Implementation only.
#pragma once

#include <atomic>
#include <cstdint>

namespace parlint::detail {

// Sleeps while word == expected, at most timeout_ns (negative: no limit).
// Spurious returns are possible: callers re-check their condition.
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeout_ns = -1);
void futex_wake(std::atomic<std::uint32_t>& word, int count);
void futex_wake_all(std::atomic<std::uint32_t>& word);

}  // namespace parlint::detail
