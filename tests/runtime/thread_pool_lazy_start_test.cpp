// Workers start as tasks arrive: a pool never runs more threads than it has
// had tasks queued or running at once, whatever its size.
#include "parlint/thread_pool.h"

#include <gtest/gtest.h>

#include <dirent.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>
#include <vector>

#include "sanitizers.h"

namespace {

using namespace std::chrono_literals;

// ThreadSanitizer starts a thread of its own when the process starts its
// first (counted by /proc, not by the pool).
#ifdef PARLINT_UNDER_TSAN
constexpr int kRuntimeThreads = 1;
#else
constexpr int kRuntimeThreads = 0;
#endif
using parlint::ThreadPool;

int threads_in_process() {
  int n = 0;
  if (DIR* dir = ::opendir("/proc/self/task")) {
    while (dirent* e = ::readdir(dir))
      if (e->d_name[0] != '.') ++n;
    ::closedir(dir);
  }
  return n;
}

// Tasks that wait here need a thread each at the same time; false when the
// bound passed before all arrived.
class Rendezvous {
 public:
  explicit Rendezvous(int count) : count_(count) {}
  bool arrive_and_wait() {
    arrived_.fetch_add(1);
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (arrived_.load() < count_)
      if (std::chrono::steady_clock::now() > deadline) return false;
      else std::this_thread::yield();
    return true;
  }

 private:
  const int count_;
  std::atomic<int> arrived_{0};
};

TEST(ThreadPoolLazyStart, APoolWithoutTasksStartsNoThread) {
  const int before = threads_in_process();
  ThreadPool pool(64);
  EXPECT_EQ(pool.size(), 64u);
  EXPECT_EQ(pool.threads_started(), 0u);
  EXPECT_EQ(threads_in_process(), before);
  pool.wait_idle();
  EXPECT_EQ(pool.threads_started(), 0u);
}

TEST(ThreadPoolLazyStart, APoolOf64WithThreeTasksStartsAtMostThree) {
  const int before = threads_in_process();
  ThreadPool pool(64);
  std::atomic<int> ran{0};
  for (int i = 0; i < 3; ++i) pool.post([&ran] { ran++; });
  pool.wait_idle();
  EXPECT_EQ(ran.load(), 3);
  EXPECT_GE(pool.threads_started(), 1u);
  EXPECT_LE(pool.threads_started(), 3u);
  EXPECT_LE(threads_in_process() - before, 3 + kRuntimeThreads);
}

// Three tasks that must all run at once: the pool starts exactly three.
TEST(ThreadPoolLazyStart, ThreeTasksNeedingEachOtherStartThreeThreads) {
  const int before = threads_in_process();
  ThreadPool pool(64);
  Rendezvous all(3);
  std::vector<std::future<bool>> results;
  for (int i = 0; i < 3; ++i) results.push_back(pool.submit([&all] { return all.arrive_and_wait(); }));
  for (auto& result : results) EXPECT_TRUE(result.get()) << "the pool did not run three tasks at once";
  EXPECT_EQ(pool.threads_started(), 3u);
  EXPECT_GE(threads_in_process() - before, 3);
  EXPECT_LE(threads_in_process() - before, 3 + kRuntimeThreads);
}

// One task at a time (each finished before the next is posted): the one
// started worker is reused. (With submit().get() instead, a second could
// start: the future is ready before the task has returned, so the next task
// may be submitted while the previous one still counts as running.)
TEST(ThreadPoolLazyStart, TasksOneAtATimeReuseTheStartedWorker) {
  ThreadPool pool(64);
  std::atomic<int> ran{0};
  for (int i = 0; i < 200; ++i) {
    pool.post([&ran] { ran++; });
    pool.wait_idle();
  }
  EXPECT_EQ(ran.load(), 200);
  EXPECT_EQ(pool.threads_started(), 1u);
}

TEST(ThreadPoolLazyStart, NeverMoreThanTheBound) {
  ThreadPool pool(4);
  std::atomic<int> ran{0};
  for (int i = 0; i < 100000; ++i) pool.post([&ran] { ran.fetch_add(1, std::memory_order_relaxed); });
  pool.wait_idle();
  EXPECT_EQ(ran.load(), 100000);
  EXPECT_LE(pool.threads_started(), 4u);
}

// Tasks submitted by tasks start workers too, and parallel_for's helpers.
TEST(ThreadPoolLazyStart, SubtasksAndBulkHelpersStartWorkersAsNeeded) {
  ThreadPool pool(4);
  Rendezvous all(4);
  auto outer = pool.submit([&] {
    std::vector<std::future<bool>> inner;
    for (int i = 0; i < 3; ++i) inner.push_back(pool.submit([&all] { return all.arrive_and_wait(); }));
    bool ok = all.arrive_and_wait();
    for (auto& f : inner) ok = pool.get(f) && ok;
    return ok;
  });
  EXPECT_TRUE(outer.get());
  EXPECT_EQ(pool.threads_started(), 4u);
  std::atomic<int> visited{0};
  pool.parallel_for(0, 1000, [&](int) { visited++; }, 1);
  EXPECT_EQ(visited.load(), 1000);
  EXPECT_LE(pool.threads_started(), 4u);
}

TEST(ThreadPoolLazyStart, ShutdownOfAPoolThatNeverStartedAThread) {
  ThreadPool pool(8);
  pool.shutdown(parlint::ShutdownMode::drain);
  EXPECT_EQ(pool.threads_started(), 0u);
}

}  // namespace
