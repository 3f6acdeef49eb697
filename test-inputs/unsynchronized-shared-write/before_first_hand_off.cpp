// RUN-STD: c++20
// A worker that synchronizes with its owner (a condition variable, a stop
// token) still reads what it reads before its first hand-off unordered: a
// member the constructor's body sets after the member initializer started
// the thread. And a std::jthread member's worker that updates a member
// (`cursor_++`) meets the destructor body's reset, made before the jthread
// is stopped and joined. Near misses: a member read only after the first
// wait, and a destructor that resets a member the worker never touches.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

class Dispatcher {
public:
  explicit Dispatcher(std::size_t window)
      // EXPECT-NOTE@+2:9 the worker is started here
      // EXPECT-NOTE@+1:26 the worker reads 'window_' through this call of 'Dispatcher::run'
      : worker_([this] { run(); }) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'window_' in the constructor's body, after the member initializer of 'worker_' started the worker that reads it; initialize it in the member initializer list before 'worker_' (declared above it), make it std::atomic, or guard every access with one mutex
    window_ = window == 0 ? 1 : window;
    label_ = 7;
  }
  ~Dispatcher() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping_ = true;
    }
    cv_.notify_all();
    worker_.join();
  }
  void submit(int job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.push_back(job);
    }
    cv_.notify_one();
  }

private:
  void run() {
    const std::size_t window = window_;
    std::unique_lock<std::mutex> lock(mu_);
    for (;;) {
      cv_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty())
        return;
      for (std::size_t n = 0; n < window && !jobs_.empty(); ++n) {
        handled_ += jobs_.front() * label_;
        jobs_.pop_front();
      }
    }
  }

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> jobs_;
  bool stopping_ = false;
  int handled_ = 0;
  int label_ = 0;
  std::size_t window_ = 1;
  std::thread worker_;
};

class Prefetcher {
public:
  explicit Prefetcher(std::size_t ring) : ring_(ring) {
    // EXPECT-NOTE@+2:15 the worker is started here and kept in 'worker_'
    // EXPECT-NOTE@+1:59 the worker reads 'cursor_' through this call of 'Prefetcher::run'
    worker_ = std::jthread([this](std::stop_token stop) { run(stop); });
  }
  ~Prefetcher() {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'cursor_' while the object's worker, joined only below, reads it; make it std::atomic, or write it holding the lock the worker reads it under
    cursor_ = 0;
    reported_ = true;
  // EXPECT-NOTE@+1:3 'worker_' joins the worker when it is destroyed, after the destructor's body
  }

private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested()) {
      std::size_t slot = cursor_++ % ring_.size();
      ring_[slot] = slot;
    }
  }

  std::vector<std::size_t> ring_;
  std::size_t cursor_ = 0;
  bool reported_ = false;
  std::jthread worker_;
};

int main() {
  Dispatcher dispatcher(4);
  dispatcher.submit(1);
  Prefetcher prefetcher(8);
  return 0;
}
