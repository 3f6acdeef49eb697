// A condition variable's notify publishes nothing: a waiter sees what the
// notifier wrote only through the mutex both take. A flag set after the
// lock is released, then notified (`done_ = true; cv_.notify_all();`),
// meets the waiter's read under the lock. Near misses: the flag set under
// the lock; the flag set outside it but the lock taken again after it (its
// release publishes the write); a flag that is std::atomic.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

class Completion {
public:
  void complete(int value) {
    {
      std::lock_guard<std::mutex> hold(mu_);
      value_ = value;
    }
    // EXPECT-WARNING@+1:5 unsynchronized write to 'job.done_' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    done_ = true;
    cv_.notify_all();
  }
  int wait() {
    std::unique_lock<std::mutex> hold(mu_);
    while (!done_)
      cv_.wait(hold);
    return value_;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int value_ = 0;
  bool done_ = false;
};

int flagAfterTheLock() {
  Completion job;
  // EXPECT-NOTE@+1:23 the worker makes the write through this call of 'complete'
  std::thread t([&] { job.complete(7); });
  // EXPECT-NOTE@+1:15 the launching thread reads 'job.done_' here while the worker may still be running
  int value = job.wait();
  t.join();
  return value;
}

class LockedCompletion {
public:
  void complete(int value) {
    std::lock_guard<std::mutex> hold(mu_);
    value_ = value;
    done_ = true;
    cv_.notify_all();
  }
  int wait() {
    std::unique_lock<std::mutex> hold(mu_);
    cv_.wait(hold, [this] { return done_; });
    return value_;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int value_ = 0;
  bool done_ = false;
};

int flagUnderTheLock() {
  LockedCompletion job;
  std::thread t([&] { job.complete(7); });
  int value = job.wait();
  t.join();
  return value;
}

class RelockedCompletion {
public:
  void complete(int value) {
    value_ = value;
    {
      std::lock_guard<std::mutex> hold(mu_);
      done_ = true;
    }
    cv_.notify_one();
  }
  int wait() {
    std::unique_lock<std::mutex> hold(mu_);
    while (!done_)
      cv_.wait(hold);
    return value_;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int value_ = 0;
  bool done_ = false;
};

int lockTakenAfterTheWrite() {
  RelockedCompletion job;
  std::thread t([&] { job.complete(7); });
  int value = job.wait();
  t.join();
  return value;
}

class AtomicCompletion {
public:
  void complete(int value) {
    {
      std::lock_guard<std::mutex> hold(mu_);
      value_ = value;
    }
    done_.store(true);
    cv_.notify_all();
  }
  int wait() {
    std::unique_lock<std::mutex> hold(mu_);
    while (!done_.load())
      cv_.wait(hold);
    return value_;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int value_ = 0;
  std::atomic<bool> done_{false};
};

int atomicFlag() {
  AtomicCompletion job;
  std::thread t([&] { job.complete(7); });
  int value = job.wait();
  t.join();
  return value;
}
