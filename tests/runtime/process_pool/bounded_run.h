// Runs a piece of a test in a forked child with a deadline, so that a pool
// that hangs fails the test instead of hanging the suite, and so that process
// faults (killed fork servers, changed signal state) stay out of the test
// process. Also small process helpers shared by the process-pool tests.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pp_test {

// Forks; the child (in its own process group) runs `body` and exits 0 unless
// a gtest assertion failed in it (the failure text goes to its stdout). The
// parent waits at most `limit`; on expiry it prints the stuck processes, kills
// the child's whole process group and fails. Call it with no pool alive in
// the calling process and no other thread running.
::testing::AssertionResult runs_within(std::chrono::milliseconds limit, const std::function<void()>& body);

// EXPECT_FINISHES_WITHIN(20s, [] { ... }): runs_within without printing the
// lambda's text on failure.
#define EXPECT_FINISHES_WITHIN(limit, ...)                                          \
  do {                                                                              \
    ::testing::AssertionResult finished_in_time = pp_test::runs_within(limit, __VA_ARGS__); \
    EXPECT_TRUE(finished_in_time);                                                  \
  } while (0)

bool process_exists(pid_t pid);
// 'Z' for a zombie, 0 when /proc has no such process.
char process_state(pid_t pid);
pid_t parent_of(pid_t pid);
int thread_count();
// Descriptors open in the calling process, the ones of the /proc scan excluded.
std::vector<int> open_descriptors();
// /dev/shm entries whose name starts with "parlint.".
std::set<std::string> parlint_shm_entries();
// Waits (bounded) until pid no longer exists (or is a zombie).
bool wait_until_gone(pid_t pid, std::chrono::milliseconds limit);
// Waits (bounded) until thread `tid` of this process is blocked ('S' in
// /proc): it has reached a wait and sleeps there.
bool wait_until_thread_sleeps(pid_t tid, std::chrono::milliseconds limit);
// The calling thread's id, for wait_until_thread_sleeps.
pid_t current_tid();

}  // namespace pp_test
