// The ThreadPool's wake-up handshake with its windows widened by the test
// seams (src/process_seams.h): a worker that has registered as parked but
// not yet looked for work again, a submitter that has published a task but
// not yet read whether anyone searches, a searcher that has stopped counting
// as one but not yet handed the search on. A lost wake-up in any of them
// strands a task; here every task must still run within a bound, so a lost
// wake-up fails the test instead of hanging the suite.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "parlint/thread_pool.h"
#include "process_seams.h"

namespace {

using namespace std::chrono_literals;
using parlint::ThreadPool;
namespace seams = parlint::detail::seams;

constexpr auto kBound = 20s;

class ThreadPoolWakeupRace : public ::testing::Test {
 protected:
  void TearDown() override { seams::settings() = seams::Settings{}; }
};

// Waits until `count` threads have arrived; false when the bound passed
// first. Tasks that wait here all need a worker at once.
class Rendezvous {
 public:
  explicit Rendezvous(int count) : count_(count) {}
  bool arrive_and_wait() {
    arrived_.fetch_add(1, std::memory_order_seq_cst);
    const auto deadline = std::chrono::steady_clock::now() + kBound;
    while (arrived_.load(std::memory_order_seq_cst) < count_)
      if (std::chrono::steady_clock::now() > deadline) return false;
      else std::this_thread::yield();
    return true;
  }

 private:
  const int count_;
  std::atomic<int> arrived_{0};
};

// Rounds of one to three small tasks, each round waited for: between rounds
// the workers search, then park, so submissions meet every state.
void expect_rounds_complete(ThreadPool& pool, int rounds) {
  for (int round = 0; round < rounds; ++round) {
    std::vector<std::future<int>> results;
    for (int i = 0; i <= round % 3; ++i) results.push_back(pool.submit([round] { return round; }));
    for (auto& result : results) {
      ASSERT_EQ(result.wait_for(kBound), std::future_status::ready) << "a task was stranded in round " << round;
      EXPECT_EQ(result.get(), round);
    }
  }
}

// Bursts of `workers` tasks that each wait until all of them run: they need
// every worker at once, so the pool must wake (or start) one after another
// while the earlier ones are blocked.
void expect_bursts_complete(ThreadPool& pool, int bursts) {
  const int workers = static_cast<int>(pool.size());
  for (int burst = 0; burst < bursts; ++burst) {
    Rendezvous all(workers);
    std::vector<std::future<bool>> results;
    for (int i = 0; i < workers; ++i) results.push_back(pool.submit([&all] { return all.arrive_and_wait(); }));
    for (auto& result : results) {
      ASSERT_EQ(result.wait_for(kBound + 5s), std::future_status::ready) << "burst " << burst;
      ASSERT_TRUE(result.get()) << "burst " << burst << ": not every worker ran";
    }
  }
}

TEST_F(ThreadPoolWakeupRace, TaskSubmittedWhileAWorkerParksRuns) {
  seams::settings().pool_park_delay_us = 300;
  ThreadPool pool(2);
  expect_rounds_complete(pool, 300);
}

TEST_F(ThreadPoolWakeupRace, SubmitterSlowToReadTheCountsStillWakesAWorker) {
  seams::settings().pool_announce_delay_us = 300;
  ThreadPool pool(2);
  expect_rounds_complete(pool, 300);
}

TEST_F(ThreadPoolWakeupRace, SearcherSlowToHandOnStillWakesTheNextWorker) {
  seams::settings().pool_leave_search_delay_us = 300;
  ThreadPool pool(4);
  expect_bursts_complete(pool, 50);
}

TEST_F(ThreadPoolWakeupRace, BurstsNeedingEveryWorkerWithEveryWindowWidened) {
  seams::settings().pool_park_delay_us = 100;
  seams::settings().pool_announce_delay_us = 100;
  seams::settings().pool_leave_search_delay_us = 100;
  ThreadPool pool(8);
  expect_bursts_complete(pool, 100);
  expect_rounds_complete(pool, 100);
}

// Workers that are certainly parked (the seam counts them on their futex)
// wake for a task submitted then, round after round.
TEST_F(ThreadPoolWakeupRace, ParkedWorkersWakeForLateTasks) {
  ThreadPool pool(2);
  expect_bursts_complete(pool, 1);  // both workers started
  for (int round = 0; round < 20; ++round) {
    const auto deadline = std::chrono::steady_clock::now() + kBound;
    while (seams::pool_workers_parked() != 2) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the idle workers never parked";
      std::this_thread::yield();
    }
    auto result = pool.submit([round] { return round; });
    ASSERT_EQ(result.wait_for(kBound), std::future_status::ready) << "round " << round;
    EXPECT_EQ(result.get(), round);
  }
}

}  // namespace
