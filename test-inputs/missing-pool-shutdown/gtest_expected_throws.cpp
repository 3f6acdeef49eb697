// GoogleTest's throw assertions: EXPECT_THROW evaluates its statement inside
// `if (::testing::internal::TrueWithString ...)`, a branch that is always
// taken, so a wait written in it runs; a run the test expects to throw
// queues nothing.
#include <gtest/gtest.h>
#include <oneapi/tbb/task_group.h>

#include <stdexcept>

TEST(TaskGroup, RethrowsFromWait) {
  tbb::task_group group;
  group.run([] { throw std::runtime_error("task failed"); });
  EXPECT_THROW(group.wait(), std::runtime_error);
}

TEST(TaskGroup, RefusesAnEmptyHandle) {
  tbb::task_group group;
  ASSERT_ANY_THROW(group.run(tbb::task_handle{}));
}
