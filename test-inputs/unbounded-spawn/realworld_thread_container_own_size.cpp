// Mirrors: google/benchmark src/benchmark_runner.cc:207,
// test/manual_threading_test.cc:45 (index loop up to the size of the thread
// vector itself, a member sized in the constructor from num_threads) and
// test/perf_counters_gtest.cc:317 (range-for assigning a thread to each slot
// of a local std::vector<std::thread> threads(threadcount)).
// The number of threads is the size the container of threads was created
// with: a configured count, not input. parlint must stay silent.
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

class Runner {
public:
  explicit Runner(int num_threads)
      : pool_(static_cast<std::size_t>(num_threads - 1)) {}

  // near-miss: loop bounded by the size of the thread container it fills.
  void runThreads(const std::function<void(int)> &fn) {
    for (std::size_t ti = 0; ti < pool_.size(); ++ti)
      pool_[ti] = std::thread(fn, static_cast<int>(ti + 1));
    fn(0);
    for (std::thread &t : pool_)
      t.join();
  }

private:
  std::vector<std::thread> pool_;
};

// near-miss: range-for over a local vector of threads sized from a count.
void measure(std::size_t threadcount, void (*work)()) {
  std::vector<std::thread> threads(threadcount);
  for (auto &t : threads)
    t = std::thread(work);
  for (auto &t : threads)
    t.join();
}

// Positive counterpart: the thread vector is grown to the size of the input.
void perItem(const std::vector<int> &items, void (*work)(int)) {
  std::vector<std::thread> threads(items.size());
  // EXPECT-NOTE@+1:3 the loop's bound is derived from a container's size
  for (std::size_t i = 0; i < threads.size(); ++i)
    // EXPECT-WARNING@+1:18 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads[i] = std::thread(work, items[i]); // a warning is expected here
  for (auto &t : threads)
    t.join();
}
