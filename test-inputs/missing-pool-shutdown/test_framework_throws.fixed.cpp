// Tests of a task group's error handling: a run the test expects to throw
// queues nothing, and a wait inside doctest's CHECK_THROWS_AS runs whenever
// tests run (doctest skips throw assertions only under its no_throw
// option). A run the test expects not to throw is queued work like any
// other.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <oneapi/tbb/task_group.h>

#include <stdexcept>

TEST_CASE("a failing task rethrows from wait") {
  tbb::task_group group;
  group.run([] { throw std::runtime_error("task failed"); });
  CHECK_THROWS_AS(group.wait(), std::runtime_error);
}

TEST_CASE("an empty handle cannot be run") {
  tbb::task_group group;
  CHECK_THROWS(group.run(tbb::task_handle{}));
}

TEST_CASE("a task run without wait") {
  // EXPECT-WARNING@+1:19 'group' (tbb::detail::d1::task_group) may be destroyed without wait(); its destructor abandons queued work — call group.wait() before it goes out of scope
  tbb::task_group group;
  CHECK_NOTHROW(group.run([] {}));
  // EXPECT-NOTE@+1:1 'group' is destroyed here without wait(); call group.wait() before this point
  group.wait();
}
