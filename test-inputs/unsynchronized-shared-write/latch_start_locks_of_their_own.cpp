// RUN-STD: c++20
// A sampler and an exporter start together at a std::latch, then each
// works under a mutex of its own: the sampler counts samples under the
// sample lock, the exporter reads that count under the export lock. The
// latch orders what every thread did before arriving with what every
// thread does after it, and nothing after it: the sampler releases only
// the sample lock after its write, which the exporter never takes, so the
// two run unordered. Near misses: the name the main thread sets before it
// arrives at the latch, read by both workers past it; the batch count the
// exporter alone writes under its lock, read by the main thread after the
// joins.
#include <cstdio>
#include <latch>
#include <mutex>
#include <string>
#include <thread>

class Telemetry {
public:
  void set_name(const std::string &name) { name_ = name; }

  void record(int value) {
    std::lock_guard<std::mutex> guard(sample_mu_);
    samples_[count_ % 64] = value + static_cast<int>(name_.size());
    // EXPECT-WARNING@+1:5 unsynchronized write to 't.count_' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    ++count_;
  }

  void export_batch() {
    std::lock_guard<std::mutex> guard(export_mu_);
    exported_ += count_;
    ++batches_;
    last_name_ = name_;
  }

  long exported() const { return exported_; }
  int batches() const { return batches_; }

private:
  std::string name_;
  std::string last_name_;
  std::mutex sample_mu_;
  int samples_[64] = {};
  long count_ = 0;
  std::mutex export_mu_;
  long exported_ = 0;
  int batches_ = 0;
};

int main() {
  Telemetry t;
  std::latch start(3);
  std::thread sampler([&] {
    start.arrive_and_wait();
    for (int i = 0; i < 200; ++i)
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'record'
      t.record(i);
  });
  std::thread exporter([&] {
    start.arrive_and_wait();
    for (int round = 0; round < 20; ++round)
      // EXPECT-NOTE@+1:7 another worker reads 't.count_' here without holding the lock taken at the write
      t.export_batch();
  });
  t.set_name("edge-7");
  start.arrive_and_wait();
  sampler.join();
  exporter.join();
  std::printf("%ld exported in %d batches\n", t.exported(), t.batches());
  return 0;
}
