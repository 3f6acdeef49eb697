// The ProcessPool API beyond submit: wait_idle, shutdown modes, map, futures
// that wait with a timeout or outlive their pool, more tasks than the rings
// hold waited for in any order.
#include <atomic>
#include <chrono>
#include <future>
#include <numeric>
#include <iterator>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "bounded_run.h"
#include "parlint/shared_array.h"
#include "process_seams.h"
#include "tasks.h"

namespace {

using namespace std::chrono_literals;
using parlint::ProcessFuture;
using parlint::ProcessPool;
using pp_test::add;
namespace seams = parlint::detail::seams;

int square(int x) { return x * x; }
int fail_on_three(int x) {
  if (x == 3) throw std::runtime_error("three");
  return x;
}
void mark(parlint::SharedRef<int> flags, int index) {
  // Not a synchronization: each task lasts a while, so a wait_idle() that
  // returned early would find flags still unset (correct code passes however
  // the processes are scheduled).
  std::this_thread::sleep_for(1ms);
  flags.data[index] = 1;
}

TEST(ProcessPoolApi, WaitIdleWaitsForEverySubmittedTask) {
  auto flags = parlint::SharedArray<int>::create({40});
  ProcessPool pool(2);
  std::vector<ProcessFuture<void>> futures;
  for (int i = 0; i < 40; ++i) futures.push_back(pool.submit(&mark, flags.ref(), i));
  pool.wait_idle();
  for (int i = 0; i < 40; ++i) EXPECT_EQ(flags[i], 1) << i;
  for (auto& f : futures) EXPECT_TRUE(f.ready());
  pool.wait_idle();  // nothing pending: returns at once
}

TEST(ProcessPoolApi, ShutdownDrainRunsEveryQueuedTask) {
  ProcessPool pool(2);
  std::vector<ProcessFuture<int>> futures;
  for (int i = 0; i < 100; ++i) futures.push_back(pool.submit(&pp_test::sleep_then_return, i % 2));
  pool.shutdown(parlint::ShutdownMode::drain);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(futures[i].get(), i % 2);
  EXPECT_THROW(pool.submit(&add, 1, 2), std::runtime_error);
  pool.shutdown();  // idempotent
}

// Stores 1 into the shared int at `release` (the after_shutdown_signalled
// seam's callback): a task waiting in run_until_released then returns.
void release_task(void* release) { __atomic_store_n(static_cast<int*>(release), 1, __ATOMIC_SEQ_CST); }

TEST(ProcessPoolApi, ShutdownDropPendingFailsOnlyTheQueuedTasks) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    auto slot = parlint::SharedValue<long>::create(0);
    auto release = parlint::SharedValue<int>::create(0);
    // The running task ends only once shutdown() has told the worker to drop
    // the rest: it cannot finish early and let the worker run a queued task.
    seams::settings().after_shutdown_signalled = release_task;
    seams::settings().after_shutdown_signalled_arg = release.address();
    ProcessPool pool(1);
    auto first = pool.submit(&pp_test::run_until_released, slot.address(), release.address(), 200);
    std::vector<ProcessFuture<int>> queued;
    for (int i = 0; i < 10; ++i) queued.push_back(pool.submit(&add, i, 1));
    ASSERT_GT(pp_test::wait_for_pid(slot), 0);  // the first task runs now
    pool.shutdown(parlint::ShutdownMode::drop_pending);
    EXPECT_EQ(first.get(), 200);  // a running task finishes
    for (auto& f : queued) {
      try {
        f.get();
        ADD_FAILURE() << "a dropped task ran";
      } catch (const std::future_error& e) {
        EXPECT_EQ(e.code(), std::future_errc::broken_promise);
      }
    }
  });
}

TEST(ProcessPoolApi, MapReturnsResultsInInputOrder) {
  ProcessPool pool(2);
  std::vector<int> inputs(500);
  std::iota(inputs.begin(), inputs.end(), -250);
  std::vector<int> squares = pool.map(&square, inputs);
  ASSERT_EQ(squares.size(), inputs.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) EXPECT_EQ(squares[i], inputs[i] * inputs[i]);
  EXPECT_TRUE(pool.map(&square, std::vector<int>{}).empty());
  short small[] = {1, 2, 3};
  EXPECT_EQ(pool.map(&square, small), (std::vector<int>{1, 4, 9}));  // converted like submit's arguments
}

TEST(ProcessPoolApi, MapRethrowsTheFirstFailure) {
  ProcessPool pool(2);
  EXPECT_THROW(pool.map(&fail_on_three, std::vector<int>{1, 2, 3, 4}), parlint::RemoteTaskError);
  EXPECT_EQ(pool.submit(&add, 1, 1).get(), 2);
}

TEST(ProcessPoolApi, WaitForTimesOutThenSucceeds) {
  auto slot = parlint::SharedValue<long>::create(0);
  auto release = parlint::SharedValue<int>::create(0);
  ProcessPool pool(1);
  auto slow = pool.submit(&pp_test::run_until_released, slot.address(), release.address(), 300);
  EXPECT_EQ(slow.wait_for(5ms), std::future_status::timeout);  // it cannot end before the release
  release.store(1);
  EXPECT_EQ(slow.wait_for(20s), std::future_status::ready);
  EXPECT_EQ(slow.get(), 300);
  EXPECT_FALSE(slow.valid());
  EXPECT_THROW(slow.get(), std::future_error);
}

TEST(ProcessPoolApi, FutureOutlivesItsPool) {
  ProcessFuture<int> future;
  {
    ProcessPool pool(1);
    future = pool.submit(&add, 40, 2);
  }
  EXPECT_EQ(future.get(), 42);
}

// More tasks than the rings hold (2 x 1024), waited for last first: the wait
// for a task still in the overflow queue must move the queue along.
TEST(ProcessPoolApi, OverflowingTasksWaitedForInReverseOrder) {
  ProcessPool pool(2);
  constexpr int kTasks = 5000;
  std::vector<ProcessFuture<int>> futures;
  for (int i = 0; i < kTasks; ++i) futures.push_back(pool.submit(&add, i, 1));
  for (int i = kTasks - 1; i >= 0; --i) ASSERT_EQ(futures[i].get(), i + 1);
}

// A waiting thread sleeps on its task's channel with the record's wake-up bit
// (sequence % 32): threads waiting for tasks 32 apart share a bit, others
// share the channel. Each must be woken for its own task.
TEST(ProcessPoolApi, ThreadsWaitingForTasksOfOneWorkerEachGetTheirResult) {
  EXPECT_FINISHES_WITHIN(60s, [] {
    ProcessPool pool(1);
    std::vector<ProcessFuture<int>> futures;
    for (int i = 0; i < 100; ++i) futures.push_back(pool.submit(&pp_test::sleep_then_return, i % 2));
    const int waited[] = {10, 42, 74, 11, 43, 99, 0};
    std::vector<std::thread> waiters;
    std::vector<int> got(std::size(waited), -1);
    for (std::size_t k = 0; k < std::size(waited); ++k)
      waiters.emplace_back([&, k] { got[k] = futures[static_cast<std::size_t>(waited[k])].get(); });
    for (auto& t : waiters) t.join();
    for (std::size_t k = 0; k < std::size(waited); ++k) EXPECT_EQ(got[k], waited[k] % 2) << "task " << waited[k];
  });
}

// shutdown(drop_pending) from one thread while another sleeps waiting for a
// queued task: the dropped task's waiter wakes with broken_promise. Every
// state the test needs is proven before it goes on: the first task runs (its
// pid is published), so the second is certainly queued behind it on the one
// worker; the waiter sleeps in get() (its thread is blocked, per /proc); the
// first task ends only after shutdown() told the worker to drop the rest.
// (Before: a 300 ms task and a 50 ms sleep "so the waiter is asleep by now";
// under load the first task was still queued at shutdown, was dropped too,
// and running.get() threw broken_promise.)
TEST(ProcessPoolApi, WaiterOfADroppedTaskWakesAtShutdown) {
  EXPECT_FINISHES_WITHIN(60s, [] {
    auto slot = parlint::SharedValue<long>::create(0);
    auto release = parlint::SharedValue<int>::create(0);
    seams::settings().after_shutdown_signalled = release_task;
    seams::settings().after_shutdown_signalled_arg = release.address();
    ProcessPool pool(1);
    auto running = pool.submit(&pp_test::run_until_released, slot.address(), release.address(), 300);
    auto queued = pool.submit(&add, 1, 2);
    ASSERT_GT(pp_test::wait_for_pid(slot), 0);
    std::promise<bool> broken;
    std::atomic<pid_t> waiter_tid{0};
    std::thread waiter([&] {
      waiter_tid.store(pp_test::current_tid());
      try {
        queued.get();
        broken.set_value(false);
      } catch (const std::future_error&) {
        broken.set_value(true);
      }
    });
    while (waiter_tid.load() == 0) std::this_thread::yield();
    EXPECT_TRUE(pp_test::wait_until_thread_sleeps(waiter_tid.load(), 20s)) << "the waiter never blocked in get()";
    pool.shutdown(parlint::ShutdownMode::drop_pending);
    waiter.join();
    EXPECT_TRUE(broken.get_future().get());
    EXPECT_EQ(running.get(), 300);
  });
}

TEST(ProcessPoolApi, FuturesDroppedWithoutGet) {
  ProcessPool pool(2);
  for (int i = 0; i < 3000; ++i) pool.submit(&add, i, 1);
  pool.wait_idle();
  EXPECT_EQ(pool.submit(&add, 1, 2).get(), 3);
}

}  // namespace
