// RUN-CONFIG: {CheckOptions: {parlint-unbounded-spawn.PoolType: 'mylib::Pool', parlint-unbounded-spawn.PoolHeader: '<parlint/worker_count.h>'}}
// The rewrite onto the project's own pool type, whose header is included.
// The pool must offer submit, post and wait_idle as parlint::ThreadPool
// does. The program prints the same before and after the fix.
#include <parlint/thread_pool.h>

#include <atomic>
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

namespace mylib {
struct Pool : parlint::ThreadPool {
  Pool() : parlint::ThreadPool(2) {}
};
} // namespace mylib

static long square(int x) { return static_cast<long>(x) * x; }

long futures(const std::vector<int> &items) {
  std::vector<std::future<long>> results;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as mylib::Pool
    results.push_back(std::async(std::launch::async, square, item));
  long total = 0;
  for (auto &r : results)
    total += r.get();
  return total;
}

long threads(const std::vector<int> &items) {
  std::atomic<long> total{0};
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as mylib::Pool
    workers.emplace_back([&total](int x) { total += x; }, item);
  // EXPECT-NOTE@+1:3 with the fix, mylib::Pool::wait_idle() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &w : workers)
    w.join();
  return total;
}

int main() {
  std::vector<int> items;
  for (int i = 1; i <= 20; ++i)
    items.push_back(i);
  std::printf("%ld %ld\n", futures(items), threads(items));
  return 0;
}
