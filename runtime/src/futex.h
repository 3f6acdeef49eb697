// Futex wait/wake on 32-bit words in MAP_SHARED memory (process-shared
// futexes: no FUTEX_PRIVATE_FLAG), and private ones. Implementation only.
#pragma once

#include <atomic>
#include <cstdint>

namespace parlint::detail {

// Sleeps while word == expected, at most timeout_ns (negative: no limit).
// Spurious returns are possible: callers re-check their condition.
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeout_ns = -1);
void futex_wake(std::atomic<std::uint32_t>& word, int count);
void futex_wake_all(std::atomic<std::uint32_t>& word);

// The same on memory only this process maps (FUTEX_PRIVATE_FLAG: the kernel
// skips the shared-mapping lookup): the ThreadPool's parked workers.
void futex_wait_private(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::int64_t timeout_ns = -1);
void futex_wake_private(std::atomic<std::uint32_t>& word, int count);
// By address only: for a word whose owner may already be gone (the kernel
// never reads it for a wake; a stray wake-up is harmless to futex users).
void futex_wake_private_at(const void* word, int count);
// Sleeps while the 32-bit word at `word` holds `expected`: for a word inside
// a wider atomic (the kernel compares the 32 bits itself).
void futex_wait_private_at(const void* word, std::uint32_t expected, std::int64_t timeout_ns = -1);

// The same with a wake-up mask: a waiter sleeping with `bits` is woken only by
// a wake whose bits overlap (kFutexAnyBits wakes every waiter).
constexpr std::uint32_t kFutexAnyBits = 0xffffffffu;
void futex_wait_bits(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::uint32_t bits,
                     std::int64_t timeout_ns = -1);
void futex_wake_bits(std::atomic<std::uint32_t>& word, std::uint32_t bits);

}  // namespace parlint::detail
