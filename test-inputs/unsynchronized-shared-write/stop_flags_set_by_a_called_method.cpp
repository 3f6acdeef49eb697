// RUN-STD: c++20
// The destructor calls a method of the class that sets the stop flag, then
// joins the worker (`~JobQueue() { shutdown(); worker_.join(); }`): the
// flag is written while the worker runs, and a worker that reads it in a
// condition variable's predicate reads it under the lock the writer never
// took. Near misses: the method sets the flag under that lock; the flag is
// atomic; the destructor calls the method while it holds the lock.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

class JobQueue {
public:
  // EXPECT-NOTE@+2:33 the worker reads 'closing_' through this call of 'JobQueue::drain'
  // EXPECT-NOTE@+1:16 the worker is started here and kept in 'worker_'
  JobQueue() : worker_([this] { drain(); }) {}
  ~JobQueue() {
    // EXPECT-NOTE@+1:5 '~JobQueue' makes the write through this call of 'shutdown', before the join
    shutdown();
    // EXPECT-NOTE@+1:5 the worker is joined here
    worker_.join();
  }
  void post(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
  }
  void shutdown() {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'closing_' while the object's worker, joined only below, reads it; make it std::atomic, or write it holding the lock the worker reads it under
    closing_ = true;
    ready_.notify_all();
  }

private:
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      bool woken = ready_.wait_for(lock, std::chrono::milliseconds(1),
                                   [this] { return closing_ || !jobs_.empty(); });
      if (jobs_.empty()) {
        if (woken)
          return;
        continue;
      }
      std::function<void()> job = std::move(jobs_.front());
      jobs_.pop_front();
      lock.unlock();
      job();
      lock.lock();
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> jobs_;
  bool closing_ = false;
  std::thread worker_;
};

class LockedQueue {
public:
  LockedQueue() : worker_([this] { drain(); }) {}
  ~LockedQueue() {
    shutdown();
    worker_.join();
  }
  void shutdown() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    ready_.notify_all();
  }

private:
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return closing_; });
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  bool closing_ = false;
  std::thread worker_;
};

class AtomicQueue {
public:
  AtomicQueue() : worker_([this] { drain(); }) {}
  ~AtomicQueue() {
    shutdown();
    worker_.join();
  }
  void shutdown() {
    closing_ = true;
    ready_.notify_all();
  }

private:
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return closing_.load(); });
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::atomic<bool> closing_{false};
  std::thread worker_;
};

class LockedCaller {
public:
  LockedCaller() : worker_([this] { drain(); }) {}
  ~LockedCaller() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      markClosing();
    }
    ready_.notify_all();
    worker_.join();
  }

private:
  void markClosing() { closing_ = true; }
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return closing_; });
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  bool closing_ = false;
  std::thread worker_;
};

int main() {
  JobQueue jobs;
  jobs.post([] {});
  LockedQueue locked;
  AtomicQueue atomic;
  LockedCaller caller;
  return 0;
}
