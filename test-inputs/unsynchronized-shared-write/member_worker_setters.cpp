// RUN-STD: c++20
// A class keeps its worker in a member; a setter called while the worker
// runs writes what the worker reads without the worker's lock.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

class Sampler {
public:
  // EXPECT-NOTE@+1:28 the worker is started here and kept in 'worker_'
  void start() { worker_ = std::thread(&Sampler::run, this); }
  void stop() {
    stop_ = true;
    worker_.join();
  }
  // EXPECT-WARNING@+1:30 unsynchronized write to 'interval_' in a method called while the object's worker reads it; make it std::atomic, guard every access with one mutex, or hand the value to the worker through its queue
  void setInterval(int ms) { interval_ = ms; }
  void setLockedInterval(int ms) {
    std::lock_guard<std::mutex> lock(mutex_);
    locked_interval_ = ms;
  }
  void setLabel(int label) { label_ = label; }

private:
  void run() {
    long total = 0;
    while (!stop_) {
      // EXPECT-NOTE@+1:16 the worker reads 'interval_' here
      total += interval_;
      std::lock_guard<std::mutex> lock(mutex_);
      total += locked_interval_;
    }
    std::printf("%ld\n", total);
  }
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  int interval_ = 10;
  int locked_interval_ = 10;
  int label_ = 0;
  std::thread worker_;
};

void retune() {
  Sampler sampler;
  sampler.start();
  // EXPECT-NOTE@+1:3 'setInterval' is called here while the object's worker may still be running
  sampler.setInterval(5);
  sampler.stop();
}

// Near misses: silent.
void configuredBeforeStart() {
  Sampler sampler;
  sampler.setInterval(5);
  sampler.start();
  sampler.stop();
  sampler.setInterval(7);
}

void lockedSetter() {
  Sampler sampler;
  sampler.start();
  sampler.setLockedInterval(5);
  sampler.setLabel(3);
  sampler.stop();
}
