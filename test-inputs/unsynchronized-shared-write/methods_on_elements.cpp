// A method called on an element of an array or container
// (`latches[i].complete()`, `latches[i]->complete()` through a pointer or
// smart pointer element) works on that element: what it writes of `*this`
// is in the container, in the worker's own slot when the index is the
// worker's. Near misses: the flag written under the latch's mutex, and
// the slots read only after the joins.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class Latch {
public:
  void open(int code) {
    {
      std::lock_guard<std::mutex> hold(mu_);
      code_ = code;
    }
    // EXPECT-WARNING@+1:5 unsynchronized write to 'gates.open_' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    open_ = true;
    cv_.notify_all();
  }
  int wait() {
    std::unique_lock<std::mutex> hold(mu_);
    while (!open_)
      cv_.wait(hold);
    return code_;
  }
  bool opened() const { return open_; }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int code_ = 0;
  bool open_ = false;
};

int ownElements() {
  std::vector<std::unique_ptr<Latch>> gates;
  for (int i = 0; i < 4; ++i)
    gates.push_back(std::make_unique<Latch>());
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    // EXPECT-NOTE@+2:35 the worker makes the write through this call of 'open'
    // EXPECT-NOTE@+1:5 the worker is started here
    workers.emplace_back([&, i] { gates[i]->open(i); });
  int sum = 0;
  for (int i = 0; i < 4; ++i)
    // EXPECT-NOTE@+1:12 the launching thread reads 'gates.open_' here while the worker may still be running
    sum += gates[i]->wait();
  for (auto &w : workers)
    w.join();
  return sum;
}

class LockedLatch {
public:
  void open(int code) {
    std::lock_guard<std::mutex> hold(mu_);
    code_ = code;
    open_ = true;
    cv_.notify_all();
  }
  int wait() {
    std::unique_lock<std::mutex> hold(mu_);
    while (!open_)
      cv_.wait(hold);
    return code_;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  int code_ = 0;
  bool open_ = false;
};

int lockedElements() {
  LockedLatch gates[4];
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&, i] { gates[i].open(i); });
  int sum = 0;
  for (int i = 0; i < 4; ++i)
    sum += gates[i].wait();
  for (auto &w : workers)
    w.join();
  return sum;
}

int readAfterTheJoins() {
  Latch *gates[4];
  for (int i = 0; i < 4; ++i)
    gates[i] = new Latch;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&, i] { gates[i]->open(i); });
  for (auto &w : workers)
    w.join();
  int opened = 0;
  for (int i = 0; i < 4; ++i) {
    opened += gates[i]->opened();
    delete gates[i];
  }
  return opened;
}
