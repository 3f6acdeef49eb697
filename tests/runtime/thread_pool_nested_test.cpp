// Waiting inside a worker: pool.wait()/get() help run queued tasks, so
// nested submit+wait and nested parallel_for/map cannot deadlock, even with
// a single worker.
#include "parlint/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <numeric>
#include <thread>
#include <vector>

namespace {

using parlint::ThreadPool;

long fib(ThreadPool& pool, int n) {
  if (n < 2) return n;
  auto left = pool.submit([&pool, n] { return fib(pool, n - 1); });
  const long right = fib(pool, n - 2);
  return pool.get(left) + right;
}

TEST(ThreadPoolNested, SubmitAndWaitInsideTheOnlyWorker) {
  ThreadPool pool(1);
  auto outer = pool.submit([&pool] {
    auto inner = pool.submit([] { return 21; });
    pool.wait(inner);
    return inner.get() * 2;
  });
  ASSERT_EQ(outer.wait_for(std::chrono::seconds(30)), std::future_status::ready) << "nested wait deadlocked";
  EXPECT_EQ(outer.get(), 42);
}

TEST(ThreadPoolNested, RecursiveForkJoinOnEveryPoolSize) {
  for (std::size_t threads : {1u, 2u, 4u}) {
    ThreadPool pool(threads);
    auto result = pool.submit([&pool] { return fib(pool, 18); });
    ASSERT_EQ(result.wait_for(std::chrono::seconds(60)), std::future_status::ready) << threads << " threads";
    EXPECT_EQ(result.get(), 2584);
  }
}

TEST(ThreadPoolNested, ParallelForInsideATask) {
  ThreadPool pool(2);
  auto outer = pool.submit([&pool] {
    std::atomic<long> sum{0};
    pool.parallel_for(0, 10000, [&](int i) { sum += i; }, 100);
    return sum.load();
  });
  ASSERT_EQ(outer.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  EXPECT_EQ(outer.get(), 49995000L);
}

TEST(ThreadPoolNested, MapInsideEveryWorkerAtOnce) {
  ThreadPool pool(2);
  std::vector<int> input(2000);
  std::iota(input.begin(), input.end(), 0);
  std::vector<std::future<long>> outers;
  for (int k = 0; k < 8; ++k)
    outers.push_back(pool.submit([&pool, &input] {
      const auto doubled = pool.map([](int x) { return 2L * x; }, input, 16);
      return std::accumulate(doubled.begin(), doubled.end(), 0L);
    }));
  for (auto& f : outers) {
    ASSERT_EQ(f.wait_for(std::chrono::seconds(30)), std::future_status::ready);
    EXPECT_EQ(f.get(), 2L * 1999 * 2000 / 2);
  }
}

TEST(ThreadPoolNested, WaitInsideAWorkerRunsADeferredFuture) {
  ThreadPool pool(1);
  auto outer = pool.submit([&pool] {
    auto deferred = std::async(std::launch::deferred, [] { return 8; });
    pool.wait(deferred);  // a deferred future never becomes ready by itself
    return deferred.get();
  });
  ASSERT_EQ(outer.wait_for(std::chrono::seconds(30)), std::future_status::ready) << "wait() spun on a deferred future";
  EXPECT_EQ(outer.get(), 8);
}

TEST(ThreadPoolNested, WaitOutsideTheWorkersJustWaits) {
  ThreadPool pool(2);
  auto f = pool.submit([] { return 5; });
  pool.wait(f);
  EXPECT_EQ(f.get(), 5);
}

TEST(ThreadPoolNested, WaitOnAnotherPoolsFutureDoesNotHelpTheWrongPool) {
  ThreadPool outer_pool(1);
  ThreadPool inner_pool(1);
  auto f = outer_pool.submit([&] {
    auto inner = inner_pool.submit([] { return 3; });
    return inner_pool.get(inner);  // not inner_pool's worker: plain wait
  });
  EXPECT_EQ(f.get(), 3);
}

}  // namespace
