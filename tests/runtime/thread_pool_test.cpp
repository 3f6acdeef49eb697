// ThreadPool basics: results and exceptions through futures, post() errors,
// wait_idle(), map ordering, parallel_for coverage and chunking.
#include "parlint/thread_pool.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <memory>
#include <future>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using parlint::ThreadPool;

TEST(ThreadPool, DefaultSizeIsHardwareConcurrencyAtLeastOne) {
  ThreadPool pool;
  EXPECT_EQ(pool.size(), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_EQ(ThreadPool(3).size(), 3u);
}

TEST(ThreadPool, ZeroThreadsIsRejected) { EXPECT_THROW(ThreadPool(0), std::invalid_argument); }

TEST(ThreadPool, SubmitReturnsResultWithArguments) {
  ThreadPool pool(2);
  auto sum = pool.submit([](int a, int b) { return a + b; }, 40, 2);
  auto text = pool.submit([](std::string s) { return s + "!"; }, std::string("done"));
  EXPECT_EQ(sum.get(), 42);
  EXPECT_EQ(text.get(), "done!");
}

TEST(ThreadPool, SubmitRunsOnAWorkerThread) {
  ThreadPool pool(2);
  auto id = pool.submit([] { return std::this_thread::get_id(); });
  EXPECT_NE(id.get(), std::this_thread::get_id());
  EXPECT_FALSE(pool.in_worker());
  EXPECT_TRUE(pool.submit([&pool] { return pool.in_worker(); }).get());
}

TEST(ThreadPool, SubmitAcceptsMoveOnlyCallablesAndArguments) {
  ThreadPool pool(1);
  auto owned = std::make_unique<int>(7);
  auto result = pool.submit([p = std::move(owned)](std::unique_ptr<int> q) { return *p * *q; },
                            std::make_unique<int>(6));
  EXPECT_EQ(result.get(), 42);
}

TEST(ThreadPool, TaskCapturesAreReleasedWhetherSmallOrLarge) {
  // Small callables are stored inline in the queue, large ones on the heap;
  // both must run once and release what they captured.
  ThreadPool pool(2);
  auto token = std::make_shared<std::atomic<int>>(0);
  std::array<char, 512> big{};
  big[511] = 'x';
  for (int i = 0; i < 100; ++i) {
    pool.post([token] { ++*token; });
    pool.post([token, big] { token->fetch_add(big[511] == 'x' ? 1 : 1000); });
  }
  auto sized = pool.submit([token, big] { return big.size(); });
  EXPECT_EQ(sized.get(), 512u);
  pool.wait_idle();
  EXPECT_EQ(token->load(), 200);
  EXPECT_EQ(token.use_count(), 1) << "a finished task still holds its captures";
}

TEST(ThreadPool, SubmitCarriesExceptionsThroughTheFuture) {
  ThreadPool pool(2);
  auto failing = pool.submit([]() -> int { throw std::out_of_range("index 9"); });
  // The worker drops its reference to the shared state after running the
  // task. Waiting for that first keeps ThreadSanitizer quiet: the exception's
  // reference count lives in the uninstrumented C++ runtime, so TSan would
  // not see that the worker's release is ordered after our handler.
  pool.wait_idle();
  try {
    failing.get();
    FAIL() << "expected the task's exception";
  } catch (const std::out_of_range& e) {
    EXPECT_STREQ(e.what(), "index 9");
  }
  // The pool keeps working, and submit() exceptions never reach wait_idle().
  EXPECT_EQ(pool.submit([] { return 1; }).get(), 1);
  EXPECT_NO_THROW(pool.wait_idle());
}

TEST(ThreadPool, VoidSubmitFutureSignalsCompletion) {
  ThreadPool pool(2);
  std::atomic<int> ran{0};
  auto done = pool.submit([&] { ran = 1; });
  done.get();
  EXPECT_EQ(ran.load(), 1);
}

TEST(ThreadPool, WaitIdleWaitsForAllPostedTasks) {
  ThreadPool pool(2);
  std::atomic<int> count{0};
  for (int i = 0; i < 1000; ++i) pool.post([&] { count.fetch_add(1, std::memory_order_relaxed); });
  pool.wait_idle();
  EXPECT_EQ(count.load(), 1000);
}

TEST(ThreadPool, WaitIdleRethrowsTheFirstPostedExceptionOnce) {
  ThreadPool pool(1);  // one worker: tasks run in order, so "first" is well defined
  std::atomic<int> after{0};
  pool.post([] { throw std::runtime_error("first"); });
  pool.post([] { throw std::runtime_error("second"); });
  pool.post([&] { after = 1; });
  try {
    pool.wait_idle();
    FAIL() << "expected the posted task's exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "first");
  }
  EXPECT_EQ(after.load(), 1) << "a failing task must not stop the others";
  EXPECT_NO_THROW(pool.wait_idle()) << "the error is reported once";
}

TEST(ThreadPool, WaitIdleFromAWorkerIsALogicError) {
  ThreadPool pool(1);
  auto attempt = pool.submit([&pool] { pool.wait_idle(); });
  pool.wait_idle();  // see SubmitCarriesExceptionsThroughTheFuture (TSan and exception_ptr)
  EXPECT_THROW(attempt.get(), std::logic_error);
}

TEST(ThreadPool, MapKeepsInputOrder) {
  ThreadPool pool(2);
  std::vector<int> input(10007);
  std::iota(input.begin(), input.end(), 0);
  const std::vector<long> squares = pool.map([](int x) { return static_cast<long>(x) * x; }, input);
  ASSERT_EQ(squares.size(), input.size());
  for (std::size_t i = 0; i < input.size(); ++i) ASSERT_EQ(squares[i], static_cast<long>(i) * static_cast<long>(i));
}

TEST(ThreadPool, MapWithExplicitChunkSizes) {
  ThreadPool pool(2);
  std::vector<int> input(1000);
  std::iota(input.begin(), input.end(), 1);
  for (std::size_t chunk : {1u, 7u, 999u, 1000u, 5000u}) {
    const auto doubled = pool.map([](int x) { return 2 * x; }, input, chunk);
    for (std::size_t i = 0; i < input.size(); ++i) ASSERT_EQ(doubled[i], 2 * input[i]) << "chunk " << chunk;
  }
}

TEST(ThreadPool, MapOfBoolsHasNoPackedBitRace) {
  ThreadPool pool(2);
  std::vector<int> input(4096);
  std::iota(input.begin(), input.end(), 0);
  const std::vector<bool> even = pool.map([](int x) { return x % 2 == 0; }, input, 1);
  for (std::size_t i = 0; i < input.size(); ++i) ASSERT_EQ(even[i], i % 2 == 0);
}

TEST(ThreadPool, MapOfEmptyRangeIsEmpty) {
  ThreadPool pool(2);
  EXPECT_TRUE(pool.map([](int x) { return x; }, std::vector<int>{}).empty());
}

TEST(ThreadPool, MapRethrowsTheTaskException) {
  ThreadPool pool(2);
  std::vector<int> input(1000, 1);
  input[500] = -1;
  auto check = [](int x) {
    if (x < 0) throw std::domain_error("negative");
    return x;
  };
  EXPECT_THROW(pool.map(check, input, 10), std::domain_error);
  EXPECT_EQ(pool.map(check, std::vector<int>{1, 2}).size(), 2u) << "pool still usable";
}

TEST(ThreadPool, ParallelForVisitsEveryIndexExactlyOnce) {
  ThreadPool pool(2);
  constexpr int kFirst = -500;
  constexpr int kLast = 12345;
  std::vector<std::atomic<int>> hits(kLast - kFirst);
  pool.parallel_for(kFirst, kLast, [&](int i) { hits[i - kFirst].fetch_add(1, std::memory_order_relaxed); });
  for (std::size_t i = 0; i < hits.size(); ++i) ASSERT_EQ(hits[i].load(), 1) << "index " << (kFirst + static_cast<int>(i));
}

TEST(ThreadPool, ParallelForChunkSizeOverride) {
  ThreadPool pool(2);
  std::vector<std::atomic<int>> hits(100);
  pool.parallel_for(std::size_t{0}, hits.size(), [&](std::size_t i) { hits[i]++; }, 33);
  for (auto& h : hits) ASSERT_EQ(h.load(), 1);
}

TEST(ThreadPool, ParallelForEmptyAndReversedRangesDoNothing) {
  ThreadPool pool(2);
  int calls = 0;
  pool.parallel_for(5, 5, [&](int) { ++calls; });
  pool.parallel_for(5, 2, [&](int) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(ThreadPool, ParallelForUsesTheWorkers) {
  ThreadPool pool(2);
  std::mutex m;
  std::set<std::thread::id> threads;
  // Every chunk waits until two threads took part, so the call cannot
  // finish on the caller alone; bounded so a bug fails instead of hanging.
  std::atomic<int> seen{0};
  pool.parallel_for(0, 64, [&](int) {
    {
      std::lock_guard<std::mutex> lock(m);
      threads.insert(std::this_thread::get_id());
      seen = static_cast<int>(threads.size());
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (seen.load() < 2 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
  }, 1);
  EXPECT_GE(threads.size(), 2u);
}

TEST(ThreadPool, ParallelForRethrowsTheFirstException) {
  ThreadPool pool(2);
  std::atomic<int> ran{0};
  EXPECT_THROW(pool.parallel_for(0, 100000, [&](int i) {
    ran++;
    if (i == 10) throw std::invalid_argument("bad index");
  }, 100), std::invalid_argument);
  EXPECT_LT(ran.load(), 100000) << "chunks after the failure are skipped";
}

}  // namespace
