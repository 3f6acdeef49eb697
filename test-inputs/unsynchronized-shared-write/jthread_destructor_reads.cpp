// RUN-STD: c++20
// A std::jthread member joins when it is destroyed, after the destructor's
// body: a read there of what the worker writes meets the write, even after
// request_stop(), which only asks. Near misses: the destructor joins the
// worker before it reads, the count is read under the lock the worker
// writes it under, and the count is std::atomic.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

class Exporter {
public:
  // EXPECT-NOTE@+2:55 the worker makes the write through this call of 'run'
  // EXPECT-NOTE@+1:16 the worker is started here and kept in 'worker_'
  Exporter() : worker_([this](std::stop_token stop) { run(stop); }) {}
  ~Exporter() {
    worker_.request_stop();
    // EXPECT-NOTE@+1:38 the destructor reads 'sent_' here
    std::printf("sent %llu bytes\n", sent_);
    // EXPECT-NOTE@+1:3 'worker_' joins the worker when it is destroyed, after the destructor's body
  }

private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested())
      // EXPECT-WARNING@+1:7 unsynchronized write to 'sent_' in the object's worker, which the destructor reads before 'worker_' joins it; make it std::atomic, or read it under the lock the worker writes it under, or join the worker first
      sent_ += 64;
  }

  unsigned long long sent_ = 0;
  std::jthread worker_;
};

class JoiningExporter {
public:
  JoiningExporter() : worker_([this](std::stop_token stop) { run(stop); }) {}
  ~JoiningExporter() {
    worker_.request_stop();
    worker_.join();
    std::printf("sent %llu bytes\n", sent_);
  }

private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested())
      sent_ += 64;
  }

  unsigned long long sent_ = 0;
  std::jthread worker_;
};

class LockedExporter {
public:
  LockedExporter() : worker_([this](std::stop_token stop) { run(stop); }) {}
  ~LockedExporter() {
    worker_.request_stop();
    std::lock_guard<std::mutex> hold(mu_);
    std::printf("sent %llu bytes\n", sent_);
  }

private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested()) {
      std::lock_guard<std::mutex> hold(mu_);
      sent_ += 64;
    }
  }

  std::mutex mu_;
  unsigned long long sent_ = 0;
  std::jthread worker_;
};

class AtomicExporter {
public:
  AtomicExporter() : worker_([this](std::stop_token stop) { run(stop); }) {}
  ~AtomicExporter() {
    worker_.request_stop();
    std::printf("sent %llu bytes\n", sent_.load());
  }

private:
  void run(std::stop_token stop) {
    while (!stop.stop_requested())
      sent_ += 64;
  }

  std::atomic<unsigned long long> sent_{0};
  std::jthread worker_;
};

void exportAll() {
  Exporter a;
  JoiningExporter b;
  LockedExporter c;
  AtomicExporter d;
}
