// RUN-CONFIG: {CheckOptions: {parlint-unbounded-spawn.MaxConstantTripCount: 4}}
// With MaxConstantTripCount lowered to 4, a loop of 8 is reported and a loop
// of 4 is not.
#include <thread>
#include <vector>

void work(int);

void eight() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 8; ++i) // EXPECT-NOTE:3 the loop runs 8 times, more than MaxConstantTripCount (4)
    workers.emplace_back(work, i); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::ThreadPool
  // EXPECT-NOTE@+1:3 workers.wait_idle() rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &w : workers)
    w.join();
}

// near-miss: at the configured limit.
void four() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(work, i);
  for (auto &w : workers)
    w.join();
}
