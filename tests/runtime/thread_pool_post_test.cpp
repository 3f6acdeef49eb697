// ThreadPool::post(f, args...) with std::thread's argument semantics, and
// the one default worker count.
#include <atomic>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parlint/process_pool.h"
#include "parlint/thread_pool.h"
#include "parlint/worker_count.h"

namespace {

using parlint::ThreadPool;

TEST(ThreadPoolPostTest, ArgumentsAreCopiedWhenPosted) {
  ThreadPool pool(2);
  std::string seen;
  std::string text = "before";
  pool.post([&seen](const std::string& s) { seen = s; }, text);
  text = "after";  // the task has its own copy
  pool.wait_idle();
  EXPECT_EQ(seen, "before");
}

TEST(ThreadPoolPostTest, MoveOnlyArgumentsAreMovedIn) {
  ThreadPool pool(2);
  std::atomic<int> got{0};
  auto value = std::make_unique<int>(7);
  pool.post([&got](std::unique_ptr<int> p) { got = *p; }, std::move(value));
  pool.wait_idle();
  EXPECT_EQ(got.load(), 7);
  EXPECT_EQ(value, nullptr);
}

TEST(ThreadPoolPostTest, StdRefSharesTheObject) {
  ThreadPool pool(2);
  int counter = 0;
  pool.post([](int& c, int by) { c += by; }, std::ref(counter), 5);
  pool.wait_idle();
  EXPECT_EQ(counter, 5);
}

struct Accumulator {
  std::atomic<int> total{0};
  void add(int n) { total += n; }
};

TEST(ThreadPoolPostTest, MemberFunctionWithObjectPointer) {
  ThreadPool pool(2);
  Accumulator acc;
  for (int i = 1; i <= 10; ++i) pool.post(&Accumulator::add, &acc, i);
  pool.wait_idle();
  EXPECT_EQ(acc.total.load(), 55);
}

TEST(ThreadPoolPostTest, ExceptionOfAPostedTaskWithArgumentsReachesWaitIdle) {
  ThreadPool pool(2);
  pool.post([](int code) { throw std::runtime_error("code " + std::to_string(code)); }, 3);
  try {
    pool.wait_idle();
    FAIL() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "code 3");
  }
}

TEST(WorkerCountTest, OneDefaultForEveryPool) {
  unsigned expected = std::max(1u, std::thread::hardware_concurrency());
  EXPECT_EQ(parlint::default_worker_count(), expected);
  EXPECT_EQ(ThreadPool::default_thread_count(), expected);
  EXPECT_EQ(parlint::ProcessPool::default_workers(), expected);
  ThreadPool pool;
  EXPECT_EQ(pool.size(), expected);
}

}  // namespace
