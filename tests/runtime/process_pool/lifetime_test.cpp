// Several pools at once, destroyed in every order, and many short-lived
// pools under load.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include <gtest/gtest.h>

#include "bounded_run.h"
#include "tasks.h"

namespace {

using namespace std::chrono_literals;
using parlint::ProcessPool;
using pp_test::add;
using pp_test::runs_within;

void create_then_destroy_in_order(const std::vector<int>& order) {
  std::vector<std::unique_ptr<ProcessPool>> pools;
  for (std::size_t i = 0; i < order.size(); ++i) {
    pools.push_back(std::make_unique<ProcessPool>(1));
    EXPECT_EQ(pools.back()->submit(&add, static_cast<int>(i), 1).get(), static_cast<int>(i) + 1);
  }
  for (int index : order) pools[index].reset();
}

// Defect 3: the newer pool's fork server kept the older pool's pipe open, so
// destroying the older pool first deadlocked.
TEST(ProcessPoolLifetime, TwoPoolsDestroyedInEitherOrder) {
  for (std::vector<int> order : {std::vector<int>{0, 1}, std::vector<int>{1, 0}}) {
    SCOPED_TRACE(::testing::Message() << "destroyed in order " << order[0] << order[1]);
    EXPECT_FINISHES_WITHIN(20s, [&] { create_then_destroy_in_order(order); });
  }
}

TEST(ProcessPoolLifetime, ThreePoolsDestroyedInEveryOrder) {
  std::vector<int> order{0, 1, 2};
  do {
    SCOPED_TRACE(::testing::Message() << "destroyed in order " << order[0] << order[1] << order[2]);
    // 6 orders x 15 s stays under ctest's 120 s limit even if every order hangs.
    EXPECT_FINISHES_WITHIN(15s, [&] { create_then_destroy_in_order(order); });
  } while (std::next_permutation(order.begin(), order.end()));
}

// Two processes that only burn CPU, started and killed here.
class BusyLoops {
 public:
  explicit BusyLoops(int count) {
    for (int i = 0; i < count; ++i) {
      pid_t pid = ::fork();
      if (pid == 0)
        for (volatile unsigned long n = 0;; n = n + 1) {
        }
      if (pid > 0) pids_.push_back(pid);
    }
  }
  ~BusyLoops() {
    for (pid_t pid : pids_) ::kill(pid, SIGKILL);
    for (pid_t pid : pids_) ::waitpid(pid, nullptr, 0);
  }

 private:
  std::vector<pid_t> pids_;
};

TEST(ProcessPoolSoak, TwoHundredCreateDestroyCyclesUnderLoad) {
  EXPECT_FINISHES_WITHIN(60s, [] {
    BusyLoops load(2);
    for (int i = 0; i < 200; ++i) {
      ProcessPool pool(2);
      if (i % 2 == 0) ASSERT_EQ(pool.submit(&add, i, 1).get(), i + 1);
    }
  });
}

}  // namespace
