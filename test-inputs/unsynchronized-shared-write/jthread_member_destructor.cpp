// RUN-STD: c++20
// A std::jthread member joins when it is destroyed, after the destructor's
// body: a plain flag the body sets is written while the worker still polls
// it. Near misses: the flag made std::atomic, and a worker stopped through
// its stop_token.
#include <atomic>
#include <mutex>
#include <stop_token>
#include <thread>

class Compactor {
public:
  // EXPECT-NOTE@+2:34 the worker reads 'stopping_' through this call of 'Compactor::run'
  // EXPECT-NOTE@+1:17 the worker is started here and kept in 'worker_'
  Compactor() : worker_([this] { run(); }) {}
  ~Compactor() {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'stopping_' while the object's worker, joined only below, reads it; make it std::atomic, or write it holding the lock the worker reads it under
    stopping_ = true;
    // EXPECT-NOTE@+1:3 'worker_' joins the worker when it is destroyed, after the destructor's body
  }

private:
  void run() {
    while (!stopping_)
      std::this_thread::yield();
  }

  bool stopping_ = false;
  std::jthread worker_;
};

class AtomicCompactor {
public:
  AtomicCompactor() : worker_([this] { run(); }) {}
  ~AtomicCompactor() { stopping_ = true; }

private:
  void run() {
    while (!stopping_)
      std::this_thread::yield();
  }

  std::atomic<bool> stopping_{false};
  std::jthread worker_;
};

class TokenCompactor {
public:
  TokenCompactor() : worker_([this](std::stop_token stop) { run(stop); }) {}
  ~TokenCompactor() { worker_.request_stop(); }

private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested())
      ++rounds_;
  }

  long rounds_ = 0;
  std::jthread worker_;
};

void compact() {
  Compactor plain;
  AtomicCompactor atomic;
  TokenCompactor token;
}
