// RUN-STD: c++20
// A container of std::jthread filled in a loop over the input becomes a
// parlint::TaskGroup: its destructor waits for every task, as the jthreads'
// destructors joined them. The program prints the same
// before and after the fix (the harness builds and runs both).
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

static void addTo(std::atomic<long> *total, int x) { *total += x; }

// Joined at the end of the block.
long sum(const std::vector<int> &items) {
  std::atomic<long> total{0};
  {
    // EXPECT-NOTE@+1:31 with the fix, an exception leaving a task no longer calls std::terminate as it did in a std::jthread: parlint::TaskGroup keeps the first one for wait() to rethrow, and its destructor drops it
    std::vector<std::jthread> threads;
    // EXPECT-NOTE@+1:5 the loop iterates over a container or range, so its trip count grows with the input
    for (int item : items)
      // EXPECT-WARNING@+1:7 starting a std::jthread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      threads.emplace_back(addTo, &total, item);
  }
  return total;
}

// Joined by a join-all loop, with a non-generic lambda.
long sumOfSquares(const std::vector<int> &items) {
  std::atomic<long> total{0};
  std::vector<std::jthread> threads;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:23 starting a std::jthread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.push_back(std::jthread([&total](int x) { total += x * x; }, item));
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::jthread called std::terminate
  for (auto &t : threads)
    t.join();
  return total;
}

int main() {
  std::vector<int> items;
  for (int i = 1; i <= 25; ++i)
    items.push_back(i);
  std::printf("%ld %ld\n", sum(items), sumOfSquares(items));
  return 0;
}
