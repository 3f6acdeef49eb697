// RUN-STD: c++20
#include <thread>
#include <vector>

void handle(int item);

void jthreads_per_item(const std::vector<int> &items) {
  // EXPECT-NOTE@+1:29 with the fix, an exception leaving a task no longer calls std::terminate as it did in a std::jthread: parlint::TaskGroup keeps the first one for wait() to rethrow, and its destructor drops it
  std::vector<std::jthread> threads;
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    threads.emplace_back(handle, item); // EXPECT-WARNING:5 starting a std::jthread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}
