// RUN-CONFIG: {CheckOptions: {parlint-unbounded-spawn.MaxConstantTripCount: 8}}
#include <thread>
#include <vector>

void handle(int item);

void above_custom_threshold() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) // EXPECT-NOTE:3 the loop runs 16 times, more than MaxConstantTripCount (8)
    threads.emplace_back(handle, i); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::ThreadPool
  // EXPECT-NOTE@+1:3 threads.wait_idle() rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &t : threads)
    t.join();
}

void at_custom_threshold() {
  // near-miss: exactly MaxConstantTripCount iterations
  std::vector<std::thread> threads;
  for (int i = 0; i <= 7; ++i)
    threads.emplace_back(handle, i);
  for (auto &t : threads)
    t.join();
}
