// RUN-STD: c++17
// A spin lock class of the program whose unlock() clears its flag with
// memory_order_relaxed: lock() still excludes, but nothing the holder wrote
// is published to the next holder, so what is written under it races.
// Called directly and through std::lock_guard. Near miss: the same class
// with a release clear.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

class RelaxedSpinLock {
public:
  void lock() {
    while (flag_.test_and_set(std::memory_order_acquire))
      std::this_thread::yield();
  }
  void unlock() { flag_.clear(std::memory_order_relaxed); }

private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

class SpinLock {
public:
  void lock() {
    while (flag_.test_and_set(std::memory_order_acquire))
      std::this_thread::yield();
  }
  void unlock() { flag_.clear(std::memory_order_release); }

private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

class Histogram {
public:
  void record(std::uint32_t value) {
    int b = 0;
    while (b < 7 && (1u << (b + 1)) <= value)
      ++b;
    lock_.lock();
    // EXPECT-WARNING@+1:5 unsynchronized write to 'hist.counts_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    counts_[b] += 1;
    lock_.unlock();
  }
  void recordGuarded(std::uint32_t value) {
    int b = 0;
    while (b < 7 && (1u << (b + 1)) <= value)
      ++b;
    std::lock_guard<RelaxedSpinLock> guard(lock_);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'hist.guarded_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    guarded_[b] += 1;
  }

private:
  RelaxedSpinLock lock_;
  std::uint64_t counts_[8] = {};
  std::uint64_t guarded_[8] = {};
};

class OrderedHistogram {
public:
  void record(std::uint32_t value) {
    int b = 0;
    while (b < 7 && (1u << (b + 1)) <= value)
      ++b;
    lock_.lock();
    counts_[b] += 1;
    lock_.unlock();
  }
  void recordGuarded(std::uint32_t value) {
    int b = 0;
    while (b < 7 && (1u << (b + 1)) <= value)
      ++b;
    std::lock_guard<SpinLock> guard(lock_);
    guarded_[b] += 1;
  }

private:
  SpinLock lock_;
  std::uint64_t counts_[8] = {};
  std::uint64_t guarded_[8] = {};
};

void serve() {
  Histogram hist;
  std::vector<std::thread> handlers;
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < 2; ++t)
    handlers.emplace_back([&hist] {
      for (int i = 0; i < 100; ++i) {
        // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'record'
        hist.record(static_cast<std::uint32_t>(i * 7));
        // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'recordGuarded'
        hist.recordGuarded(static_cast<std::uint32_t>(i * 7));
      }
    });
  for (auto &th : handlers)
    th.join();
}

void serveOrdered() {
  OrderedHistogram hist;
  std::vector<std::thread> handlers;
  for (int t = 0; t < 2; ++t)
    handlers.emplace_back([&hist] {
      for (int i = 0; i < 100; ++i) {
        hist.record(static_cast<std::uint32_t>(i * 7));
        hist.recordGuarded(static_cast<std::uint32_t>(i * 7));
      }
    });
  for (auto &th : handlers)
    th.join();
}
