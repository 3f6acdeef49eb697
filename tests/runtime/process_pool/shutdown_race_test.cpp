// The lost wake-up at shutdown (issue 9's root cause): a worker that has
// checked "nothing to do, not shutting down" and is about to sleep must still
// see the shutdown. The test seam holds each worker in that window until the
// test lets it go (a probe in shared memory counts who is inside), so the
// shutdown or the push is certainly signalled while the worker is there; the
// old code (futex on `tail`, woken without changing it) hung here every time.
#include <sys/mman.h>
#include <sys/resource.h>

#include <climits>
#include <new>

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

// A probe in MAP_SHARED memory, seen by the forked workers.
seams::SleepWindowProbe* shared_probe() {
  void* memory = ::mmap(nullptr, sizeof(seams::SleepWindowProbe), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED) return nullptr;
  return new (memory) seams::SleepWindowProbe;
}

// Waits (bounded) until `entered` entries were made into the window and
// `inside` workers are held in it.
bool wait_for_window(const seams::SleepWindowProbe& probe, int entered, int inside) {
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (probe.entered.load() != entered || probe.inside.load() != inside) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  return true;
}

void open_every_entry(void* probe) { static_cast<seams::SleepWindowProbe*>(probe)->opened.store(INT_MAX); }

TEST(ProcessPoolShutdownRace, WorkerInTheSleepWindowStillSeesShutdown) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    seams::SleepWindowProbe* probe = shared_probe();
    ASSERT_NE(probe, nullptr);
    seams::settings().worker_sleep_probe = probe;
    // The workers leave the window only once shutdown() has signalled them.
    seams::settings().after_shutdown_signalled = open_every_entry;
    seams::settings().after_shutdown_signalled_arg = probe;
    for (int i = 0; i < 3; ++i) {
      new (probe) seams::SleepWindowProbe;
      ProcessPool pool(2);
      ASSERT_TRUE(wait_for_window(*probe, 2, 2)) << "both idle workers should be held in the window";
    }  // the destructor's shutdown reaches workers that are inside the window
  });
}

TEST(ProcessPoolShutdownRace, DestroyedAtRandomMomentsAroundTheWindow) {
  EXPECT_FINISHES_WITHIN(30s, [] {
    seams::settings().worker_sleep_delay_ms = 1;
    std::mt19937 random(12345);
    for (int i = 0; i < 40; ++i) {
      ProcessPool pool(2);
      if (i % 2 == 0) EXPECT_EQ(pool.submit(&add, i, 1).get(), i + 1);
      // Not a synchronization: destroying the pool at random moments around
      // the 1 ms window, before, inside or after it; every outcome must end
      // without a hang, which is all this test checks.
      std::this_thread::sleep_for(std::chrono::microseconds(random() % 3000));
    }
  });
}

// The same window for a push: the parent sees the worker announced its sleep
// and rings the doorbell, so the worker's FUTEX_WAIT returns at once. Each
// round pushes while the worker is held in the window, then lets it go.
TEST(ProcessPoolShutdownRace, TaskPushedDuringTheSleepWindowRuns) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    seams::SleepWindowProbe* probe = shared_probe();
    ASSERT_NE(probe, nullptr);
    seams::settings().worker_sleep_probe = probe;
    seams::settings().after_shutdown_signalled = open_every_entry;
    seams::settings().after_shutdown_signalled_arg = probe;
    ProcessPool pool(1);
    for (int i = 0; i < 3; ++i) {
      ASSERT_TRUE(wait_for_window(*probe, i + 1, 1)) << "round " << i << ": the worker is not in the window";
      auto result = pool.submit(&add, i, 1);
      probe->opened.store(i + 1);
      auto start = std::chrono::steady_clock::now();
      EXPECT_EQ(result.get(), i + 1);
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
