// The lost wake-up at shutdown (issue 9's root cause): a worker that has
// checked "nothing to do, not shutting down" and is about to sleep must still
// see the shutdown. The test seam widens that window to hundreds of
// milliseconds; the old code (futex on `tail`, woken without changing it)
// hung here every time.
#include <sys/resource.h>

#include <chrono>
#include <random>
#include <thread>

#include <gtest/gtest.h>

#include "bounded_run.h"
#include "process_seams.h"
#include "tasks.h"

namespace {

using namespace std::chrono_literals;
using parlint::ProcessPool;
using pp_test::add;
using pp_test::runs_within;
namespace seams = parlint::detail::seams;

TEST(ProcessPoolShutdownRace, WorkerInTheSleepWindowStillSeesShutdown) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    seams::settings().worker_sleep_delay_ms = 300;
    for (int i = 0; i < 3; ++i) {
      ProcessPool pool(2);
      EXPECT_EQ(pool.submit(&add, i, 1).get(), i + 1);
      std::this_thread::sleep_for(50ms);  // both workers are now inside the window
    }
  });
}

TEST(ProcessPoolShutdownRace, DestroyedAtRandomMomentsAroundTheWindow) {
  EXPECT_FINISHES_WITHIN(30s, [] {
    seams::settings().worker_sleep_delay_ms = 1;
    std::mt19937 random(12345);
    for (int i = 0; i < 40; ++i) {
      ProcessPool pool(2);
      if (i % 2 == 0) EXPECT_EQ(pool.submit(&add, i, 1).get(), i + 1);
      std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
    }
  });
}

// The same window for a push: the parent sees the worker announced its sleep
// and rings the doorbell, so the worker's FUTEX_WAIT returns at once.
TEST(ProcessPoolShutdownRace, TaskPushedDuringTheSleepWindowRuns) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    seams::settings().worker_sleep_delay_ms = 300;
    ProcessPool pool(1);
    for (int i = 0; i < 3; ++i) {
      std::this_thread::sleep_for(50ms);  // the worker is inside the window
      auto start = std::chrono::steady_clock::now();
      EXPECT_EQ(pool.submit(&add, i, 1).get(), i + 1);
      EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
    }
  });
}

// Defect 1: once the parent's pipe is at EOF the fork server used to poll it
// in a busy loop until the last worker exited.
TEST(ProcessPoolShutdownRace, ForkServerSleepsWhileWorkersExit) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    seams::settings().worker_exit_delay_ms = 500;
    {
      ProcessPool pool(1);
      EXPECT_EQ(pool.submit(&add, 1, 2).get(), 3);
    }
    rusage usage{};
    ::getrusage(RUSAGE_CHILDREN, &usage);  // the fork server and, through it, the worker
    long cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
                  (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
    EXPECT_LT(cpu_ms, 150) << "the fork server spent " << cpu_ms << " ms of CPU waiting 500 ms";
  });
}

}  // namespace
