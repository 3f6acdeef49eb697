// as_completed hands futures over in completion order.
#include "parlint/as_completed.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <set>
#include <thread>
#include <vector>

#include "parlint/thread_pool.h"

namespace {

TEST(AsCompleted, YieldsInCompletionOrder) {
  std::vector<std::promise<int>> promises(3);
  std::vector<std::future<int>> futures;
  for (auto& p : promises) futures.push_back(p.get_future());
  auto completed = parlint::as_completed(std::move(futures));
  promises[2].set_value(2);
  EXPECT_EQ(completed.next()->get(), 2);
  promises[0].set_value(0);
  EXPECT_EQ(completed.next()->get(), 0);
  std::thread late([&] {
    // Not a synchronization: makes it likely that next() is already waiting
    // when the value arrives; it must return 1 in either order.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    promises[1].set_value(1);
  });
  EXPECT_EQ(completed.next()->get(), 1);
  late.join();
  EXPECT_FALSE(completed.next().has_value());
}

TEST(AsCompleted, RangeForOverPoolFutures) {
  parlint::ThreadPool pool(2);
  std::vector<std::future<int>> futures;
  for (int i = 0; i < 50; ++i) futures.push_back(pool.submit([i] { return i; }));
  std::multiset<int> seen;
  for (std::future<int>& done : parlint::as_completed(std::move(futures))) seen.insert(done.get());
  ASSERT_EQ(seen.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(seen.count(i), 1u);
}

TEST(AsCompleted, ExceptionsStayInTheirFuture) {
  parlint::ThreadPool pool(1);
  std::vector<std::future<void>> futures;
  futures.push_back(pool.submit([] { throw std::runtime_error("boom"); }));
  pool.wait_idle();  // see SubmitCarriesExceptionsThroughTheFuture (TSan and exception_ptr)
  auto completed = parlint::as_completed(std::move(futures));
  auto failed = completed.next();
  ASSERT_TRUE(failed.has_value());
  EXPECT_THROW(failed->get(), std::runtime_error);
}

TEST(AsCompleted, DeferredFuturesCountAsReady) {
  std::vector<std::future<int>> futures;
  futures.push_back(std::async(std::launch::deferred, [] { return 9; }));
  auto completed = parlint::as_completed(std::move(futures));
  EXPECT_EQ(completed.next()->get(), 9);
}

TEST(AsCompleted, InvalidFutureIsRejected) {
  std::vector<std::future<int>> futures(1);
  EXPECT_THROW(parlint::as_completed(std::move(futures)), std::future_error);
}

TEST(AsCompleted, EmptyInputYieldsNothing) {
  auto completed = parlint::as_completed(std::vector<std::future<int>>{});
  EXPECT_EQ(completed.remaining(), 0u);
  EXPECT_EQ(completed.begin(), completed.end());
}

}  // namespace
