// RUN-STD: c++20
// The launching thread writes what a worker it started reads, while that
// worker may still run: the loop counter captured by reference, a member
// assigned after the constructor started the thread, a plain stop flag, one
// argument object reused for every launch.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int score(int v) { return v * 3; }

void counterByReference(int n) {
  std::vector<std::thread> workers;
  // EXPECT-WARNING@+1:36 unsynchronized write to 'i' while a worker started earlier may be reading it; hand each worker its own copy or guard every access with one mutex
  for (int i = 0; i < n && i < 64; ++i)
    // EXPECT-NOTE@+2:5 the worker is started here
    // EXPECT-NOTE@+1:58 the worker reads 'i' here
    workers.emplace_back([&] { std::printf("%d\n", score(i)); });
  for (auto &w : workers)
    w.join();
}

class Prober {
public:
  explicit Prober(int timeout) {
    // EXPECT-NOTE@+2:15 the worker is started here
    // EXPECT-NOTE@+1:36 the worker reads 'timeout_' through this call of 'Prober::loop'
    worker_ = std::thread([this] { loop(); });
    // EXPECT-WARNING@+1:5 unsynchronized write to 'timeout_' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
    timeout_ = timeout > 0 ? timeout : 500;
  }
  ~Prober() { worker_.join(); }

private:
  bool probe(int cost) const { return cost < timeout_; }
  void loop() {
    for (int k = 0; k < 100; ++k)
      if (probe(k))
        ++passed_;
  }
  int timeout_ = 0;
  int passed_ = 0;
  std::thread worker_;
};

void plainStopFlag() {
  bool running = true;
  long spins = 0;
  // EXPECT-NOTE@+1:15 the worker is started here
  std::thread spinner([&] {
    // EXPECT-NOTE@+1:12 the worker reads 'running' here
    while (running)
      ++spins;
  });
  // EXPECT-WARNING@+1:3 unsynchronized write to 'running' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
  running = false;
  spinner.join();
  std::printf("%ld\n", spins);
}

struct Job {
  int first = 0;
  int last = 0;
};

void sumRange(Job &job, std::atomic<long> &out) {
  // EXPECT-NOTE@+1:16 the worker reads 'job.first' here
  for (int k = job.first; k < job.last; ++k)
    out += k;
}

void reusedArgument(int n) {
  std::atomic<long> total{0};
  std::vector<std::thread> workers;
  Job job;
  for (int t = 0; t < n; ++t) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'job.first' while a worker started earlier may be reading it; make it std::atomic, hand each worker its own copy, or guard every access with one mutex
    job.first = t * 100;
    job.last = job.first + 100;
    // EXPECT-NOTE@+1:5 the worker is started here
    workers.emplace_back(sumRange, std::ref(job), std::ref(total));
  }
  for (auto &w : workers)
    w.join();
}

// Near misses: silent.

void writtenBeforeLaunch() {
  int limit = 0;
  limit = 10;
  std::thread t([&] { std::printf("%d\n", limit); });
  t.join();
  limit = 20;
}

void joinedEachTrip(int n) {
  for (int i = 0; i < n; ++i) {
    std::thread t([&] { std::printf("%d\n", i); });
    t.join();
  }
}

void copiedCounter(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([i] { std::printf("%d\n", i); });
  for (auto &w : workers)
    w.join();
}

void sameLock() {
  std::mutex m;
  int budget = 10;
  std::thread t([&] {
    std::lock_guard<std::mutex> lock(m);
    std::printf("%d\n", budget);
  });
  {
    std::lock_guard<std::mutex> lock(m);
    budget = 20;
  }
  t.join();
}

void publishedThroughFlag() {
  std::atomic<bool> ready{false};
  int setting = 0;
  std::thread t([&] {
    while (!ready.load(std::memory_order_acquire)) {
    }
    std::printf("%d\n", setting);
  });
  setting = 42;
  ready.store(true, std::memory_order_release);
  t.join();
}

void volatileStop() {
  volatile int stop = 0;
  std::thread t([&] {
    while (!stop) {
    }
  });
  stop = 1;
  t.join();
}

void otherSlot() {
  int parts[2] = {1, 2};
  std::thread t([&] { std::printf("%d\n", parts[1]); });
  parts[0] = 5;
  t.join();
}

void afterGet() {
  int base = 3;
  auto f = std::async(std::launch::async, [&] { return base * 2; });
  int doubled = f.get();
  base = doubled;
}

class Configured {
public:
  explicit Configured(int limit) : limit_(limit > 0 ? limit : 1) {
    worker_ = std::thread([this] { run(); });
  }
  ~Configured() { worker_.join(); }

private:
  void run() {
    for (int k = 0; k < limit_; ++k)
      std::printf("%d\n", k);
  }
  int limit_;
  std::thread worker_;
};
