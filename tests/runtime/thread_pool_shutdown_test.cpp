// ThreadPool lifetime: the destructor drains, shutdown() drains or drops,
// dropped futures report broken_promise, nothing is accepted afterwards.
#include "parlint/thread_pool.h"

#include <gtest/gtest.h>

#include "worker_gate.h"

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

namespace {

using parlint::ShutdownMode;
using parlint::ThreadPool;

using Gate = parlint::testing::WorkerGate;

TEST(ThreadPoolShutdown, DestructorRunsEveryQueuedTask) {
  std::atomic<int> ran{0};
  {
    ThreadPool pool(1);
    Gate gate(pool);
    for (int i = 0; i < 100; ++i) pool.post([&] { ran++; });
    gate.open();
  }
  EXPECT_EQ(ran.load(), 100);
}

TEST(ThreadPoolShutdown, DrainRunsQueuedTasksAndFulfilsTheirFutures) {
  ThreadPool pool(1);
  Gate gate(pool);
  std::vector<std::future<int>> results;
  for (int i = 0; i < 10; ++i) results.push_back(pool.submit([i] { return i; }));
  gate.open();
  pool.shutdown(ShutdownMode::drain);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(results[i].get(), i);
}

TEST(ThreadPoolShutdown, DropPendingBreaksTheQueuedFutures) {
  ThreadPool pool(1);
  Gate gate(pool);
  std::atomic<int> ran{0};
  std::vector<std::future<int>> results;
  for (int i = 0; i < 10; ++i) results.push_back(pool.submit([&ran, i] { ran++; return i; }));
  pool.post([&] { ran++; });
  // Dropped futures become ready during shutdown(); only then is the worker
  // released, so nothing queued can have run, however the threads are
  // scheduled. (shutdown() itself blocks until the worker is free.)
  std::thread opener([&] {
    // Bounded, so a pool that fails to drop fails the test instead of hanging.
    for (auto& r : results) r.wait_for(std::chrono::seconds(10));
    gate.open();
  });
  pool.shutdown(ShutdownMode::drop_pending);
  opener.join();
  EXPECT_EQ(ran.load(), 0);
  for (auto& r : results) {
    ASSERT_EQ(r.wait_for(std::chrono::seconds(0)), std::future_status::ready) << "a dropped future must not hang";
    try {
      r.get();
      FAIL() << "expected broken_promise";
    } catch (const std::future_error& e) {
      EXPECT_EQ(e.code(), std::make_error_code(std::future_errc::broken_promise));
    }
  }
  EXPECT_NO_THROW(pool.wait_idle());
}

TEST(ThreadPoolShutdown, SubmitAfterShutdownThrows) {
  ThreadPool pool(2);
  pool.shutdown();
  EXPECT_THROW(pool.submit([] { return 1; }), std::runtime_error);
  EXPECT_THROW(pool.post([] {}), std::runtime_error);
  EXPECT_THROW(pool.parallel_for(0, 1000, [](int) {}, 1), std::runtime_error);
}

TEST(ThreadPoolShutdown, ShutdownIsIdempotent) {
  ThreadPool pool(2);
  pool.shutdown(ShutdownMode::drop_pending);
  EXPECT_NO_THROW(pool.shutdown());
  EXPECT_NO_THROW(pool.shutdown(ShutdownMode::drop_pending));
}

TEST(ThreadPoolShutdown, ShutdownFromAWorkerIsALogicError) {
  ThreadPool pool(1);
  auto attempt = pool.submit([&pool] { pool.shutdown(); });
  pool.wait_idle();  // see SubmitCarriesExceptionsThroughTheFuture (TSan and exception_ptr)
  EXPECT_THROW(attempt.get(), std::logic_error);
}

// The tasks queue their subtasks only once the destructor has begun
// draining (proven by a post from outside that throws), not "5 ms later".
TEST(ThreadPoolShutdown, TasksRunningDuringDrainMaySubmitSubtasks) {
  std::atomic<int> subtasks{0};
  std::atomic<bool> draining{false};
  std::thread watcher;
  {
    ThreadPool pool(2);
    for (int i = 0; i < 4; ++i)
      pool.post([&pool, &subtasks, &draining] {
        while (!draining.load()) std::this_thread::yield();
        for (int j = 0; j < 10; ++j) pool.post([&subtasks] { subtasks++; });
      });
    // The pool outlives the watcher's last post: the destructor waits for the
    // tasks, and they wait for the watcher.
    watcher = std::thread([&pool, &draining] {
      parlint::testing::wait_until_shutdown_began(pool);
      draining = true;
    });
  }
  watcher.join();
  EXPECT_EQ(subtasks.load(), 40);
}

TEST(ThreadPoolShutdown, ParallelForFinishesWhileEveryWorkerIsBusy) {
  // The caller claims chunks itself, so bulk calls progress even when no
  // worker is free; the queued helpers then find nothing left and are
  // harmless when the pool drops them.
  ThreadPool pool(1);
  Gate gate(pool);
  std::atomic<int> visited{0};
  pool.parallel_for(0, 1000, [&](int) { visited++; }, 1);
  EXPECT_EQ(visited.load(), 1000);
  // Opened once shutdown() has begun, so the queued helpers are dropped.
  std::thread opener([&] {
    parlint::testing::wait_until_shutdown_began(pool);
    gate.open();
  });
  pool.shutdown(ShutdownMode::drop_pending);
  opener.join();
}

}  // namespace
