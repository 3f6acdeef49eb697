// RUN-STD: c++17
// Each task waits at a start gate, writes its own partial and counts a
// shared counter down; the task that takes the last ticket sums every
// partial. With a relaxed count-down nothing publishes the partials to
// that task: its sum meets the others' writes. Near miss: the same with
// acq_rel, where each decrement is a release the last one reads.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <thread>
#include <vector>

template <std::memory_order Order> class Reduction {
public:
  explicit Reduction(int tasks) : partials_(tasks, 0), left_(tasks), tasks_(tasks) {}

  void arrive() {
    arrived_.fetch_add(1, std::memory_order_acq_rel);
    while (arrived_.load(std::memory_order_acquire) < tasks_)
      std::this_thread::yield();
  }

  void finish(int task, std::uint64_t partial) {
    partials_[task] = partial;
    if (left_.fetch_sub(1, Order) == 1)
      sum();
  }

  std::uint64_t total() const { return total_; }

private:
  void sum() {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < partials_.size(); ++i)
      s += partials_[i];
    total_ = s;
  }

  std::vector<std::uint64_t> partials_;
  std::atomic<int> left_;
  std::atomic<int> arrived_{0};
  int tasks_;
  std::uint64_t total_ = 0;
};

class RelaxedReduction {
public:
  explicit RelaxedReduction(int tasks) : partials_(tasks, 0), left_(tasks), tasks_(tasks) {}

  void arrive() {
    arrived_.fetch_add(1, std::memory_order_acq_rel);
    while (arrived_.load(std::memory_order_acquire) < tasks_)
      std::this_thread::yield();
  }

  void finish(int task, std::uint64_t partial) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'relaxed.partials_' in the worker's own slot, which another instance of the worker reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    partials_[task] = partial;
    if (left_.fetch_sub(1, std::memory_order_relaxed) == 1)
      sum();
  }

  std::uint64_t total() const { return total_; }

private:
  void sum() {
    std::uint64_t s = 0;
    for (std::size_t i = 0; i < partials_.size(); ++i)
      s += partials_[i];
    total_ = s;
  }

  std::vector<std::uint64_t> partials_;
  std::atomic<int> left_;
  std::atomic<int> arrived_{0};
  int tasks_;
  std::uint64_t total_ = 0;
};

int main() {
  const int tasks = 3;
  RelaxedReduction relaxed(tasks);
  std::vector<std::thread> workers;
  for (int t = 0; t < tasks; ++t)
    // EXPECT-NOTE@+1:5 the worker is started here
    workers.emplace_back([&relaxed, t] {
      relaxed.arrive();
      // EXPECT-NOTE@+2:7 the worker makes the write through this call of 'finish'
      // EXPECT-NOTE@+1:7 each instance reads 'relaxed.partials_' through this call of 'RelaxedReduction::finish', other instances' slots included
      relaxed.finish(t, static_cast<std::uint64_t>(t) + 1);
    });
  for (std::thread &w : workers)
    w.join();

  Reduction<std::memory_order_acq_rel> ordered(tasks);
  std::vector<std::thread> gated;
  for (int t = 0; t < tasks; ++t)
    gated.emplace_back([&ordered, t] {
      ordered.arrive();
      ordered.finish(t, static_cast<std::uint64_t>(t) + 1);
    });
  for (std::thread &w : gated)
    w.join();

  std::printf("%llu %llu\n", static_cast<unsigned long long>(relaxed.total()),
              static_cast<unsigned long long>(ordered.total()));
  return 0;
}
