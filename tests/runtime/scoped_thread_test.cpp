// ScopedThread joins in its destructor and mirrors std::thread's interface.
#include "parlint/scoped_thread.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <utility>

namespace {

using parlint::ScopedThread;

TEST(ScopedThread, DestructorJoins) {
  std::atomic<bool> finished{false};
  {
    ScopedThread t([&] {
      // Not a synchronization: a destructor that did not join would return
      // during this sleep and be caught; a joining one passes however the
      // threads are scheduled.
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      finished = true;
    });
  }
  EXPECT_TRUE(finished.load()) << "the destructor returned before the thread ended";
}

TEST(ScopedThread, ForwardsArgumentsLikeStdThread) {
  int result = 0;
  {
    ScopedThread t([](int a, int b, int& out) { out = a * b; }, 6, 7, std::ref(result));
  }
  EXPECT_EQ(result, 42);
}

TEST(ScopedThread, DefaultConstructedIsNotJoinable) {
  ScopedThread t;
  EXPECT_FALSE(t.joinable());
  EXPECT_EQ(t.get_id(), std::thread::id());
}

TEST(ScopedThread, ExplicitJoinThenDestructorIsFine) {
  ScopedThread t([] {});
  EXPECT_TRUE(t.joinable());
  EXPECT_NE(t.get_id(), std::this_thread::get_id());
  t.join();
  EXPECT_FALSE(t.joinable());
}

TEST(ScopedThread, MoveTransfersOwnership) {
  std::atomic<int> runs{0};
  ScopedThread a([&] { runs++; });
  const auto id = a.get_id();
  ScopedThread b(std::move(a));
  EXPECT_FALSE(a.joinable());
  EXPECT_EQ(b.get_id(), id);
  b.join();
  EXPECT_EQ(runs.load(), 1);
}

TEST(ScopedThread, MoveAssignmentJoinsTheOldThreadFirst) {
  std::atomic<bool> first_done{false};
  ScopedThread target([&] {
    // Not a synchronization: widens the window in which an assignment that
    // did not join would be caught (see DestructorJoins).
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    first_done = true;
  });
  target = ScopedThread([] {});
  EXPECT_TRUE(first_done.load()) << "assignment must join, not drop or terminate";
}

TEST(ScopedThread, AdoptsAStdThread) {
  std::atomic<bool> ran{false};
  {
    ScopedThread t(std::thread([&] { ran = true; }));
    EXPECT_TRUE(t.joinable());
  }
  EXPECT_TRUE(ran.load());
}

TEST(ScopedThread, DetachLeavesNothingToJoin) {
  std::atomic<bool> go{false};
  std::atomic<bool> done{false};
  {
    ScopedThread t([&] {
      while (!go.load()) std::this_thread::yield();
      done = true;
    });
    t.detach();
    EXPECT_FALSE(t.joinable());
  }  // must not block: the thread is still waiting for `go`
  go = true;
  while (!done.load()) std::this_thread::yield();
}

TEST(ScopedThread, Swap) {
  ScopedThread a([] {});
  ScopedThread b;
  const auto id = a.get_id();
  swap(a, b);
  EXPECT_FALSE(a.joinable());
  EXPECT_EQ(b.get_id(), id);
}

}  // namespace
