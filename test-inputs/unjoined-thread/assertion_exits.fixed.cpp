// In a test, a thread started before a fatal assertion and joined after it is
// joinable on the path where the assertion fails. That path only runs once
// the test already fails, so it is not reported unless ReportAssertionExits
// is set (see assertion_exits_reported.cpp).
#include <gtest/gtest.h>
#include <parlint/scoped_thread.h>
#include <thread>

// Catch2 and doctest stop a test by throwing from REQUIRE.
#define REQUIRE(expr)                                                          \
  do {                                                                         \
    if (!(expr))                                                               \
      throw 1;                                                                 \
  } while (false)

int compute();
void work();

// near-miss: ASSERT_EQ returns from the test body only when it fails.
TEST(Worker, JoinsAfterAnAssertion) {
  std::thread worker(work);
  ASSERT_EQ(compute(), 42);
  worker.join();
}

// near-miss: FAIL() on an error branch.
TEST(Worker, FailsOnAnErrorBranch) {
  std::thread worker(work);
  if (compute() < 0)
    FAIL() << "negative";
  worker.join();
}

// near-miss: a Catch2-style REQUIRE throws when it fails.
void catchStyle() {
  std::thread worker(work);
  REQUIRE(compute() == 42);
  worker.join();
}

// The ordinary early return next to the assertion is still reported.
TEST(Worker, ReturnsEarlyAsWell) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  parlint::ScopedThread worker(work);
  ASSERT_TRUE(compute() > 0);
  if (compute() == 1)
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    return;
  worker.join();
}
