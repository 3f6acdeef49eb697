// An encoder keeps its thread in a member; wait() waits on a condition
// variable whose predicate reads the `finished_` flag under the mutex, then
// joins the thread. The thread sets the flag without the mutex after its
// last locked update, then notifies: the predicate's read and the store are
// ordered by nothing but the join, which comes after. Near misses: the flag
// set under the mutex; a wait on a flag the thread sets under the mutex
// while a counter it bumps without it is read only after the join.
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <thread>

class Encoder {
public:
  void start() {
    // EXPECT-NOTE@+2:36 the worker makes the write through this call of 'encode'
    // EXPECT-NOTE@+1:15 the worker is started here and kept in 'thread_'
    thread_ = std::thread([this] { encode(); });
  }
  int wait() {
    int polls = 0;
    std::unique_lock<std::mutex> hold(mu_);
    // EXPECT-NOTE@+1:80 'wait' reads 'finished_' here
    while (!done_.wait_for(hold, std::chrono::milliseconds(1), [this] { return isFinished(); }))
      ++polls;
    hold.unlock();
    // EXPECT-NOTE@+1:5 the worker is joined here
    thread_.join();
    return polls;
  }

private:
  bool isFinished() const { return finished_; }
  void encode() {
    for (int frame = 0; frame < 64; ++frame) {
      std::lock_guard<std::mutex> hold(mu_);
      frames_ += 1;
    }
    // EXPECT-WARNING@+1:5 unsynchronized write to 'finished_' in the object's worker after its last hand-off, which 'wait' reads before it joins the worker; make it std::atomic, or write it holding the lock the reader takes
    finished_ = true;
    done_.notify_all();
  }
  std::mutex mu_;
  std::condition_variable done_;
  int frames_ = 0;
  bool finished_ = false;
  std::thread thread_;
};

class LockedEncoder {
public:
  void start() { thread_ = std::thread([this] { encode(); }); }
  long wait() {
    {
      std::unique_lock<std::mutex> hold(mu_);
      done_.wait(hold, [this] { return finished_; });
    }
    thread_.join();
    return bytes_;
  }

private:
  void encode() {
    for (int frame = 0; frame < 64; ++frame)
      bytes_ += frame;
    {
      std::lock_guard<std::mutex> hold(mu_);
      finished_ = true;
    }
    done_.notify_all();
  }
  std::mutex mu_;
  std::condition_variable done_;
  long bytes_ = 0;
  bool finished_ = false;
  std::thread thread_;
};

int main() {
  Encoder e;
  e.start();
  LockedEncoder l;
  l.start();
  std::printf("%d %ld\n", e.wait(), l.wait());
}
