// Rewritten functions called many times, and from inside their own tasks:
// with the fix each call's tasks go to a parlint::TaskGroup on the one
// process-wide pool, so however often the functions run they start no
// threads of their own, and a task that runs a group of its own waits for it
// without deadlock (wait() runs queued tasks meanwhile). The program prints
// the same before and after the fix (the harness builds and runs both).
#include <parlint/task_group.h>

#include <atomic>
#include <cstdio>
#include <functional>
#include <future>
#include <thread>
#include <vector>

static std::atomic<long> total{0};

static void add(int x) { total += x; }

// A thread per item, joined: the inner group.
static void sumRow(const std::vector<int> &row) {
  parlint::TaskGroup group;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int x : row)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    group.post(add, x);
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  group.wait();
}

// A thread per row, each running sumRow: a group whose tasks run groups.
static void sumRows(const std::vector<std::vector<int>> &rows) {
  parlint::TaskGroup group;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (const std::vector<int> &row : rows)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    group.post([&row] { sumRow(row); });
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  group.wait();
}

// The same nesting through futures.
static long countRows(const std::vector<std::vector<int>> &rows) {
  std::vector<std::future<long>> counts;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  parlint::TaskGroup group;
  for (const std::vector<int> &row : rows)
    // EXPECT-WARNING@+1:22 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    counts.push_back(group.submit([&row] {
      sumRow(row);
      return static_cast<long>(row.size());
    }));
  long n = 0;
  for (std::future<long> &count : counts)
    n += count.get();
  return n;
}

int main() {
  std::vector<std::vector<int>> rows(6);
  for (int i = 0; i < 6; ++i)
    for (int j = 0; j <= i; ++j)
      rows[i].push_back(i * 10 + j);
  long counted = 0;
  for (int call = 0; call < 100; ++call) {
    sumRow(rows[call % 6]);
    sumRows(rows);
    counted += countRows(rows);
  }
  std::printf("%ld %ld\n", total.load(), counted);
  return 0;
}
