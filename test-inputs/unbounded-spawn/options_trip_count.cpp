// RUN-CONFIG: {CheckOptions: {parlint-unbounded-spawn.MaxConstantTripCount: 4}}
// MaxConstantTripCount is deprecated: a configuration that sets it still
// loads, and it changes nothing. A constant trip count is never reported,
// whatever the option says; an input-driven loop always is.
#include <thread>
#include <vector>

void work(int);

// near-miss: 8 constant iterations, above the old threshold of 4.
void eight() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 8; ++i)
    workers.emplace_back(work, i);
  for (auto &w : workers)
    w.join();
}

// near-miss: 1000 constant iterations.
void thousand() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 1000; ++i)
    workers.emplace_back(work, i);
  for (auto &w : workers)
    w.join();
}

void perItem(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    workers.emplace_back(work, item); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &w : workers)
    w.join();
}
