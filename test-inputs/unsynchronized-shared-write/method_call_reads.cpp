// A call of a method the summaries follow reads what its body reads, with the
// locks its body holds; it is no read of the whole object.
#include <mutex>
#include <thread>
#include <vector>

class Throttle {
public:
  bool admit() {
    std::lock_guard<std::mutex> guard(mutex_);
    budget_ = budget_ + limit_ * 0.01;
    if (budget_ < 1.0)
      return false;
    budget_ -= 1.0;
    ++admitted_;
    return true;
  }
  void setLimit(double limit) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'throttle.limit_' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    limit_ = limit;
  }
  void setLimitLocked(double limit) {
    std::lock_guard<std::mutex> guard(mutex_);
    limit_ = limit;
  }
  long admitted() {
    std::lock_guard<std::mutex> guard(mutex_);
    return admitted_;
  }

private:
  std::mutex mutex_;
  double limit_ = 100.0;
  double budget_ = 0.0;
  long admitted_ = 0;
};

long serve(int clients) {
  Throttle throttle;
  // EXPECT-NOTE@+1:35 the worker makes the write through this call of 'setLimit'
  std::thread admin([&throttle] { throttle.setLimit(50.0); });
  std::vector<std::thread> workers;
  for (int c = 0; c < clients; ++c)
    workers.emplace_back([&throttle] {
      for (int i = 0; i < 100; ++i)
        // EXPECT-NOTE@+1:15 another worker reads 'throttle.limit_' here
        (void)throttle.admit();
    });
  for (std::thread &w : workers)
    w.join();
  admin.join();
  return throttle.admitted();
}

// near-miss: the writes under the lock are not read by setLimitLocked (it
// only writes limit_, under the same lock), and admitted() locks too.
long serveLocked(int clients) {
  Throttle throttle;
  std::thread admin([&throttle] { throttle.setLimitLocked(50.0); });
  std::vector<std::thread> workers;
  for (int c = 0; c < clients; ++c)
    workers.emplace_back([&throttle] {
      for (int i = 0; i < 100; ++i)
        (void)throttle.admit();
    });
  long seen = throttle.admitted();
  for (std::thread &w : workers)
    w.join();
  admin.join();
  return seen + throttle.admitted();
}
