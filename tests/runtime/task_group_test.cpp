// TaskGroup: tasks posted or submitted through a group run on a pool (the
// default one unless given) and are waited for per group. This file includes
// only <parlint/task_group.h>: the header parlint's fix-its add.
#include <parlint/task_group.h>

#include <gtest/gtest.h>

#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace std::chrono_literals;
using parlint::TaskGroup;
using parlint::ThreadPool;

// The rewrite parlint's fix-its produce, spelled out: a loop that started a
// thread per item now posts to a group on the default pool and waits.
void square_into(const std::vector<int>& in, std::vector<int>& out, std::size_t i) { out[i] = in[i] * in[i]; }

TEST(TaskGroup, TheFixItShapeCompilesAndRunsOnTheDefaultPool) {
  std::vector<int> in{1, 2, 3, 4, 5, 6, 7, 8};
  std::vector<int> out(in.size());
  parlint::TaskGroup group;
  for (std::size_t i = 0; i < in.size(); ++i) group.post(square_into, std::cref(in), std::ref(out), i);
  group.wait();
  EXPECT_EQ(out, (std::vector<int>{1, 4, 9, 16, 25, 36, 49, 64}));
  EXPECT_EQ(&group.pool(), &parlint::default_pool());
  std::future<int> sum = group.submit([](int a, int b) { return a + b; }, 40, 2);
  EXPECT_EQ(sum.get(), 42);
}

TEST(TaskGroup, WaitWaitsForEveryPostedAndSubmittedTask) {
  ThreadPool pool(2);
  TaskGroup group(pool);
  std::atomic<int> ran{0};
  std::vector<std::future<int>> results;
  for (int i = 0; i < 1000; ++i) {
    group.post([&ran] { ran.fetch_add(1, std::memory_order_relaxed); });
    results.push_back(group.submit([&ran, i] { ran.fetch_add(1, std::memory_order_relaxed); return i; }));
  }
  group.wait();
  EXPECT_EQ(ran.load(), 2000);
  for (int i = 0; i < 1000; ++i) {
    ASSERT_EQ(results[i].wait_for(0s), std::future_status::ready);
    EXPECT_EQ(results[i].get(), i);
  }
}

// Group B's wait() returns while group A's task is still running on the same
// pool (it is held until B has returned, so it is certainly running then).
TEST(TaskGroup, WaitWaitsOnlyForItsOwnTasksWhileOtherGroupsRun) {
  ThreadPool pool(2);
  TaskGroup a(pool);
  TaskGroup b(pool);
  std::atomic<bool> a_started{false};
  std::atomic<bool> b_returned{false};
  std::atomic<bool> a_saw_b_return{false};
  a.post([&] {
    a_started = true;
    while (!b_returned.load()) std::this_thread::yield();
    a_saw_b_return = true;
  });
  while (!a_started.load()) std::this_thread::yield();
  std::atomic<int> b_ran{0};
  for (int i = 0; i < 100; ++i) b.post([&b_ran] { b_ran++; });
  b.wait();
  EXPECT_EQ(b_ran.load(), 100);
  EXPECT_FALSE(a_saw_b_return.load()) << "A's task cannot have finished before B returned";
  b_returned = true;
  a.wait();
  EXPECT_TRUE(a_saw_b_return.load());
}

TEST(TaskGroup, WaitRethrowsTheFirstPostedExceptionOnceAndTheOthersStillRun) {
  ThreadPool pool(1);  // one worker: the tasks run in order, so "first" is well defined
  TaskGroup group(pool);
  std::atomic<int> after{0};
  group.post([] { throw std::runtime_error("first"); });
  group.post([](int code) { throw std::runtime_error("second " + std::to_string(code)); }, 2);
  group.post([&after] { after = 1; });
  try {
    group.wait();
    FAIL() << "expected the posted task's exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "first");
  }
  EXPECT_EQ(after.load(), 1);
  EXPECT_NO_THROW(group.wait()) << "reported once";
  group.post([&after] { after = 2; });  // the group is usable again
  group.wait();
  EXPECT_EQ(after.load(), 2);
}

TEST(TaskGroup, SubmitKeepsItsExceptionInTheFuture) {
  ThreadPool pool(2);
  TaskGroup group(pool);
  auto failing = group.submit([]() -> int { throw std::out_of_range("index 9"); });
  EXPECT_NO_THROW(group.wait());
  EXPECT_THROW(failing.get(), std::out_of_range);
}

TEST(TaskGroup, ExceptionsOfOneGroupDoNotReachAnotherOrThePool) {
  ThreadPool pool(2);
  TaskGroup failing(pool);
  TaskGroup fine(pool);
  failing.post([] { throw std::logic_error("mine"); });
  fine.post([] {});
  EXPECT_NO_THROW(fine.wait());
  EXPECT_THROW(failing.wait(), std::logic_error);
  EXPECT_NO_THROW(pool.wait_idle());
}

long fib(int n) {
  if (n < 2) return n;
  TaskGroup group;  // nested: on the default pool, from inside its tasks
  long left = 0;
  group.post([&left, n] { left = fib(n - 1); });
  const long right = fib(n - 2);
  group.wait();
  return left + right;
}

TEST(TaskGroup, NestedGroupsInsideTasksOnTheDefaultPool) { EXPECT_EQ(fib(20), 6765); }

// With one worker, a task that waits for its own group must run the group's
// tasks itself: a blocking wait would deadlock.
TEST(TaskGroup, NestedGroupsOnAOneWorkerPoolHelpInsteadOfDeadlocking) {
  ThreadPool pool(1);
  TaskGroup outer(pool);
  std::atomic<int> leaves{0};
  for (int i = 0; i < 8; ++i) {
    outer.post([&pool, &leaves] {
      TaskGroup inner(pool);
      for (int j = 0; j < 50; ++j) inner.post([&leaves] { leaves++; });
      inner.wait();
    });
  }
  auto done = std::async(std::launch::async, [&outer] { outer.wait(); });
  ASSERT_EQ(done.wait_for(30s), std::future_status::ready) << "nested wait deadlocked";
  done.get();
  EXPECT_EQ(leaves.load(), 400);
}

pid_t current_tid() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

bool thread_sleeps(pid_t tid) {
  std::ifstream in("/proc/self/task/" + std::to_string(tid) + "/stat");
  std::string line;
  std::getline(in, line);
  const auto close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'S';
}

// The task is released only once the test thread is blocked (in the
// destructor's wait, the only place it can block): a destructor that did
// not wait would have returned before the task ended.
TEST(TaskGroup, DestructorWaitsForTheGroupsTasks) {
  ThreadPool pool(2);
  std::atomic<bool> release{false};
  std::atomic<bool> finished{false};
  const pid_t self = current_tid();
  std::thread releaser([&] {
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!thread_sleeps(self) && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    release = true;
  });
  {
    TaskGroup group(pool);
    group.post([&] {
      while (!release.load()) std::this_thread::yield();
      finished = true;
    });
  }
  EXPECT_TRUE(finished.load()) << "the destructor returned before the task ended";
  releaser.join();
}

TEST(TaskGroup, ManyThreadsPostToOneGroup) {
  ThreadPool pool(2);
  TaskGroup group(pool);
  std::atomic<long> sum{0};
  std::vector<std::thread> posters;
  for (int t = 0; t < 4; ++t)
    posters.emplace_back([&group, &sum, t] {
      for (int i = 0; i < 5000; ++i) group.post([&sum, t] { sum.fetch_add(t + 1, std::memory_order_relaxed); });
    });
  for (auto& p : posters) p.join();
  group.wait();
  EXPECT_EQ(sum.load(), 10L * 5000);
}

TEST(TaskGroup, WaitFromAWorkerOfAnotherPoolJustWaits) {
  ThreadPool outer_pool(1);
  ThreadPool inner_pool(1);
  auto result = outer_pool.submit([&inner_pool] {
    TaskGroup group(inner_pool);
    std::atomic<int> ran{0};
    for (int i = 0; i < 10; ++i) group.post([&ran] { ran++; });
    group.wait();
    return ran.load();
  });
  EXPECT_EQ(result.get(), 10);
}

TEST(TaskGroup, PostingToAShutDownPoolThrowsAndLeavesNothingToWaitFor) {
  ThreadPool pool(1);
  TaskGroup group(pool);
  pool.shutdown();
  EXPECT_THROW(group.post([] {}), std::runtime_error);
  EXPECT_THROW(group.submit([] { return 1; }), std::runtime_error);
  EXPECT_NO_THROW(group.wait());
}

// Tasks the pool drops unrun (shutdown(drop_pending)) count as finished: the
// group's wait() returns instead of waiting for ever, futures are broken.
TEST(TaskGroup, TasksDroppedByTheirPoolDoNotHangWait) {
  ThreadPool pool(1);
  std::atomic<bool> started{false};
  std::atomic<bool> release{false};
  pool.post([&] {
    started = true;
    while (!release.load()) std::this_thread::yield();
  });
  while (!started.load()) std::this_thread::yield();  // the only worker is busy: the group's tasks stay queued
  TaskGroup group(pool);
  std::atomic<int> ran{0};
  for (int i = 0; i < 10; ++i) group.post([&ran] { ran++; });
  auto result = group.submit([&ran] { return ++ran; });
  std::thread releaser([&] {
    // Released once shutdown() has begun (a post from outside throws), so
    // the group's tasks are dropped, not run.
    for (;;) {
      try {
        pool.post([] {});
      } catch (const std::runtime_error&) {
        break;
      }
      std::this_thread::yield();
    }
    release = true;
  });
  pool.shutdown(parlint::ShutdownMode::drop_pending);
  releaser.join();
  auto waited = std::async(std::launch::async, [&group] { group.wait(); });
  ASSERT_EQ(waited.wait_for(20s), std::future_status::ready) << "wait() hung on dropped tasks";
  waited.get();
  EXPECT_EQ(ran.load(), 0);
  EXPECT_THROW(result.get(), std::future_error);
}

// What a task captured is destroyed before wait() returns.
TEST(TaskGroup, CapturesAreReleasedBeforeWaitReturns) {
  ThreadPool pool(2);
  auto token = std::make_shared<int>(0);
  TaskGroup group(pool);
  for (int i = 0; i < 100; ++i) {
    group.post([token] { (void)*token; });
    group.submit([token] { return *token; });
  }
  group.wait();
  EXPECT_EQ(token.use_count(), 1);
}

}  // namespace
