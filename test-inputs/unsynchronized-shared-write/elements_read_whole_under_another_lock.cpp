// Per-thread objects (each I/O thread records into its own histogram, under
// the histogram's own lock) merged by another thread that holds only the
// lock of the object it merges into: the merge reads every bucket of the
// per-thread histogram while its owner writes one. Which bucket a record
// hits depends on the data, and the object is an element of a container
// (`std::ref(*per_thread[0])`, `for (auto &h : per_thread) merge_from(*h)`).
// Near misses: the merge locks both histograms, the merge runs after the
// joins, and threads that only write their own histograms.
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class Histogram {
public:
  void record(uint32_t micros) {
    std::lock_guard<std::mutex> lock(mu_);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'per_thread.buckets_' in an element the worker picks, which another thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    ++buckets_[bucket_for(micros)];
  }

  void merge_from(const Histogram &other) {
    std::lock_guard<std::mutex> lock(mu_);
    for (int b = 0; b < 16; ++b)
      buckets_[b] += other.buckets_[b];
  }

  void merge_locked(const Histogram &other) {
    std::scoped_lock both(mu_, other.mu_);
    for (int b = 0; b < 16; ++b)
      buckets_[b] += other.buckets_[b];
  }

private:
  static int bucket_for(uint32_t micros) {
    int b = 0;
    while (micros > 1 && b < 15) {
      micros >>= 1;
      ++b;
    }
    return b;
  }

  mutable std::mutex mu_;
  uint64_t buckets_[16] = {};
};

void serve(Histogram &hist, int seed) {
  uint32_t state = static_cast<uint32_t>(seed) * 2654435761u;
  for (int req = 0; req < 200; ++req) {
    state = state * 1664525u + 1013904223u;
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'record'
    hist.record(200 + (state >> 22));
  }
}

void scrape(std::vector<std::unique_ptr<Histogram>> &per_thread, Histogram &total) {
  for (auto &h : per_thread)
    // EXPECT-NOTE@+1:5 another worker reads 'per_thread.buckets_' through this call of 'Histogram::merge_from'
    total.merge_from(*h);
}

void scrape_locked(std::vector<std::unique_ptr<Histogram>> &per_thread,
                   Histogram &total) {
  for (auto &h : per_thread)
    total.merge_locked(*h);
}

void metrics() {
  std::vector<std::unique_ptr<Histogram>> per_thread;
  per_thread.push_back(std::make_unique<Histogram>());
  per_thread.push_back(std::make_unique<Histogram>());
  Histogram total;
  // EXPECT-NOTE@+1:15 the worker is started here
  std::thread a(serve, std::ref(*per_thread[0]), 1);
  std::thread b(serve, std::ref(*per_thread[1]), 2);
  // EXPECT-NOTE@+1:15 the reading worker is started here
  std::thread s(scrape, std::ref(per_thread), std::ref(total));
  a.join();
  b.join();
  s.join();
}

// Near miss: the merge takes the per-thread histogram's lock too.
void metrics_locked() {
  std::vector<std::unique_ptr<Histogram>> per_thread;
  per_thread.push_back(std::make_unique<Histogram>());
  per_thread.push_back(std::make_unique<Histogram>());
  Histogram total;
  std::thread a(serve, std::ref(*per_thread[0]), 1);
  std::thread b(serve, std::ref(*per_thread[1]), 2);
  std::thread s(scrape_locked, std::ref(per_thread), std::ref(total));
  a.join();
  b.join();
  s.join();
}

// Near miss: merged once the writers have finished.
void metrics_at_exit() {
  std::vector<std::unique_ptr<Histogram>> per_thread;
  per_thread.push_back(std::make_unique<Histogram>());
  per_thread.push_back(std::make_unique<Histogram>());
  Histogram total;
  std::thread a(serve, std::ref(*per_thread[0]), 1);
  std::thread b(serve, std::ref(*per_thread[1]), 2);
  a.join();
  b.join();
  std::thread s(scrape, std::ref(per_thread), std::ref(total));
  s.join();
}

// Near miss: each thread counts into its own element, nobody reads them
// meanwhile.
struct Counter {
  long n = 0;
};

void count(Counter &c, int times) {
  for (int i = 0; i < times; ++i)
    c.n++;
}

void counters() {
  std::vector<std::unique_ptr<Counter>> all;
  all.push_back(std::make_unique<Counter>());
  all.push_back(std::make_unique<Counter>());
  std::thread a(count, std::ref(*all[0]), 10);
  std::thread b(count, std::ref(*all[1]), 20);
  a.join();
  b.join();
  Counter fixed[2];
  std::thread c(count, std::ref(fixed[0]), 10);
  std::thread d(count, std::ref(fixed[1]), 20);
  c.join();
  d.join();
}
