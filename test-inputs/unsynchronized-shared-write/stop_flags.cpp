// RUN-STD: c++20
// A method that joins the class's worker writes, before the join, what the
// worker reads: a plain stop flag set without the worker's lock, in stop()
// or in the destructor.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

class Poller {
public:
  // EXPECT-NOTE@+2:31 the worker reads 'running_' through this call of 'Poller::run'
  // EXPECT-NOTE@+1:14 the worker is started here and kept in 'worker_'
  Poller() : worker_([this] { run(); }) {}
  void stop() {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'running_' while the object's worker, joined only below, reads it; make it std::atomic, or write it holding the lock the worker reads it under
    running_ = false;
    // EXPECT-NOTE@+1:5 the worker is joined here
    worker_.join();
  }

private:
  void run() {
    long polls = 0;
    while (running_)
      ++polls;
    std::printf("%ld\n", polls);
  }
  bool running_ = true;
  std::thread worker_;
};

class Drainer {
public:
  explicit Drainer(int n) {
    for (int i = 0; i < n; ++i)
      // EXPECT-NOTE@+2:38 the worker reads 'stopping_' through this call of 'Drainer::drain'
      // EXPECT-NOTE@+1:7 the worker is started here and kept in 'workers_'
      workers_.emplace_back([this] { drain(); });
  }
  ~Drainer() {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'stopping_' while the object's worker, joined only below, reads it; make it std::atomic, or write it holding the lock the worker reads it under
    stopping_ = true;
    ready_.notify_all();
    // EXPECT-NOTE@+1:5 the worker is joined here
    for (auto &w : workers_)
      w.join();
  }

private:
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!stopping_)
      ready_.wait(lock);
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// Written under the lock, but polled without it.
class Compressor {
public:
  // EXPECT-NOTE@+2:35 the worker reads 'exiting_' through this call of 'Compressor::run' without holding the lock taken at the write
  // EXPECT-NOTE@+1:18 the worker is started here and kept in 'worker_'
  Compressor() : worker_([this] { run(); }) {}
  ~Compressor() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      // EXPECT-WARNING@+1:7 unsynchronized write to 'exiting_' while the object's worker, joined only below, reads it; make it std::atomic, or read it under the lock taken here
      exiting_ = true;
      work_.notify_all();
    }
    // EXPECT-NOTE@+1:5 the worker is joined here
    worker_.join();
  }

private:
  void run() {
    long rounds = 0;
    while (!exiting_)
      ++rounds;
    std::printf("%ld\n", rounds);
  }
  std::mutex mutex_;
  std::condition_variable work_;
  bool exiting_ = false;
  std::thread worker_;
};

// Near misses: silent.

class LockedStop {
public:
  LockedStop() : worker_([this] { run(); }) {}
  ~LockedStop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    worker_.join();
  }

private:
  void run() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return stopping_; });
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  bool stopping_ = false;
  std::thread worker_;
};

class AtomicStop {
public:
  AtomicStop() : worker_([this] { run(); }) {}
  ~AtomicStop() {
    running_ = false;
    worker_.join();
    runs_ = 0;
  }

private:
  void run() {
    while (running_)
      std::printf("%d\n", runs_);
  }
  std::atomic<bool> running_{true};
  int runs_ = 0;
  std::thread worker_;
};
