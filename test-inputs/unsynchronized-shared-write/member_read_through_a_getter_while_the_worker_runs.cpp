// A sampler keeps its thread in a member and hands out its statistics by
// reference through a getter; the caller reads a counter through the getter
// while the thread still bumps it. The getter itself touches nothing: the
// read is the caller's, there and then. Near misses: the statistics read
// only after stop(); a reference to them taken while the thread runs but
// read after stop(); a getter of a member the thread never writes.
#include <atomic>
#include <cstdio>
#include <thread>

struct Stats {
  long samples = 0;
  long peaks = 0;
};

class Sampler {
public:
  void start() {
    // EXPECT-NOTE@+2:36 the worker makes the write through this call of 'run'
    // EXPECT-NOTE@+1:15 the worker is started here and kept in 'thread_'
    thread_ = std::thread([this] { run(); });
  }
  const Stats &stats() const { return stats_; }
  const int &rate() const { return rate_; }
  void stop() {
    stop_ = true;
    thread_.join();
  }

private:
  void run() {
    while (!stop_) {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'stats_.samples' in a worker that runs while other code calls its object's methods; make it std::atomic, guard every access with one mutex, or publish the value once the worker has finished
      stats_.samples++;
      if (stats_.samples % rate_ == 0)
        stats_.peaks++;
    }
  }
  std::thread thread_;
  Stats stats_;
  int rate_ = 100;
  std::atomic<bool> stop_{false};
};

long watch() {
  Sampler s;
  s.start();
  long seen = 0;
  for (int i = 0; i < 2000000; ++i)
    // EXPECT-NOTE@+1:13 'stats' reads 'stats_.samples' here while the object's worker may still be running
    seen += s.stats().samples;
  s.stop();
  return seen;
}

long after_stop() {
  Sampler s;
  s.start();
  int rate = s.rate();
  s.stop();
  return s.stats().samples + rate;
}

long reference_read_after_stop() {
  Sampler s;
  s.start();
  const Stats &held = s.stats();
  s.stop();
  return held.samples;
}

int main() {
  std::printf("%ld %ld %ld\n", watch(), after_stop(), reference_read_after_stop());
}
