// RUN-STD: c++17
// Writes that only one worker makes, chosen by an atomic step: the last to
// count down combines the partial results (`if (left.fetch_sub(1) == 1)`,
// through a method), the first to claim a flag records the winner (`if
// (!found.exchange(true))`). Every caller gets another ticket, and only
// the first finds the flag unset. Near miss that is reported: a bound on
// the ticket that several pass (`if (pending.fetch_sub(1) > 1)`).
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <thread>
#include <vector>

class ForkJoin {
public:
  explicit ForkJoin(int tasks) : partials_(tasks, 0), left_(tasks) {}

  void complete(int task, std::uint64_t partial) {
    partials_[task] = partial;
    if (left_.fetch_sub(1, std::memory_order_acq_rel) == 1)
      combine();
  }

  std::uint64_t result() const { return result_; }

private:
  void combine() {
    std::uint64_t sum = 0;
    for (std::uint64_t p : partials_)
      sum += p;
    result_ = sum;
  }

  std::vector<std::uint64_t> partials_;
  std::atomic<int> left_;
  std::uint64_t result_ = 0;
};

std::atomic<bool> found{false};
int winner = -1;

std::atomic<int> pending{4};
int early = 0;

int main() {
  const int tasks = 4;
  ForkJoin fj(tasks);
  std::vector<std::thread> workers;
  for (int t = 0; t < tasks; ++t)
    workers.emplace_back([&fj, t] { fj.complete(t, static_cast<std::uint64_t>(t) * 10); });
  for (std::thread &w : workers)
    w.join();

  std::vector<std::thread> searchers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < tasks; ++t)
    searchers.emplace_back([t] {
      if (!found.exchange(true))
        winner = t;
      if (pending.fetch_sub(1) > 1)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'early' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        early = t;
    });
  for (std::thread &s : searchers)
    s.join();

  std::printf("%llu %d %d\n", static_cast<unsigned long long>(fj.result()), winner >= 0,
              early >= 0);
  return 0;
}
