// Bounded stress: a million tiny tasks through map and post, and many
// concurrent submitters. Under ThreadSanitizer (which slows every atomic
// and lock ~10x) the counts are divided by 10 to keep CI under its budget.
#include "parlint/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <numeric>
#include <thread>
#include <vector>

#include "sanitizers.h"

namespace {

using parlint::ThreadPool;

#ifdef PARLINT_UNDER_TSAN
constexpr int kScale = 10;
#else
constexpr int kScale = 1;
#endif
constexpr int kMillion = 1000000 / kScale;

int tiny(int x) {
  for (int i = 0; i < 100; ++i) x += 1;
  return x;
}

TEST(ThreadPoolStress, MillionTinyTasksThroughMap) {
  ThreadPool pool;
  std::vector<int> input(kMillion);
  std::iota(input.begin(), input.end(), 0);
  const auto out = pool.map(tiny, input);
  ASSERT_EQ(out.size(), input.size());
  for (int i = 0; i < kMillion; ++i) ASSERT_EQ(out[i], i + 100);
}

TEST(ThreadPoolStress, MillionTinyPostedTasksAllComplete) {
  ThreadPool pool;
  std::atomic<long> sum{0};
  for (int i = 0; i < kMillion; ++i) pool.post([&sum, i] { sum.fetch_add(tiny(i) - 100, std::memory_order_relaxed); });
  pool.wait_idle();
  EXPECT_EQ(sum.load(), static_cast<long>(kMillion - 1) * kMillion / 2);
}

TEST(ThreadPoolStress, ConcurrentSubmittersAndWaitIdle) {
  ThreadPool pool(2);
  constexpr int kSubmitters = 4;
  constexpr int kPerSubmitter = 20000 / kScale;
  std::atomic<int> ran{0};
  std::vector<std::thread> submitters;
  for (int s = 0; s < kSubmitters; ++s)
    submitters.emplace_back([&] {
      std::vector<std::future<int>> futures;
      for (int i = 0; i < kPerSubmitter; ++i) futures.push_back(pool.submit([&ran, i] { ran++; return i; }));
      for (int i = 0; i < kPerSubmitter; ++i) ASSERT_EQ(futures[i].get(), i);
    });
  for (auto& t : submitters) t.join();
  pool.wait_idle();
  EXPECT_EQ(ran.load(), kSubmitters * kPerSubmitter);
}

TEST(ThreadPoolStress, RepeatedCreateAndDestroy) {
  // Exercises start-up, the sleep/wake handshake and drain at shutdown.
  for (int round = 0; round < 200 / kScale; ++round) {
    std::atomic<int> ran{0};
    {
      ThreadPool pool(2);
      for (int i = 0; i < 10; ++i) pool.post([&] { ran++; });
    }
    ASSERT_EQ(ran.load(), 10);
  }
}

// Waking parked workers for late tasks: thread_pool_seams/wakeup_race_test.cpp
// (ParkedWorkersWakeForLateTasks) waits until the test seam has seen them
// park instead of sleeping "long enough".

}  // namespace
