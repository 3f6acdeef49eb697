// A try-lock whose failure path only counts the miss and then falls through
// to the guarded write: on that path the write runs without the lock, while
// the exporter holds it. Near misses: the failure path returns, and the
// write inside the branch where the try succeeded.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>

class LatencyHistogram {
public:
  void record(std::uint32_t micros) {
    std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
    if (!lock.owns_lock())
      contended_.fetch_add(1, std::memory_order_relaxed);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'histogram.total_' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    total_ += micros;
  }
  void record_or_drop(std::uint32_t micros) {
    std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
    if (!lock)
      return;
    total_ += micros;
  }
  void record_if_free(std::uint32_t micros) {
    if (mu_.try_lock()) {
      total_ += micros;
      mu_.unlock();
    }
  }
  std::uint64_t flush() {
    std::lock_guard<std::mutex> lock(mu_);
    std::uint64_t t = total_;
    total_ = 0;
    return t;
  }

private:
  std::mutex mu_;
  std::uint64_t total_ = 0;
  std::atomic<std::uint64_t> contended_{0};
};

std::uint64_t trace() {
  LatencyHistogram histogram;
  std::uint64_t exported = 0;
  // EXPECT-NOTE@+1:42 another worker reads 'histogram.total_' here
  std::thread exporter([&] { exported += histogram.flush(); });
  std::thread requests([&] {
    for (std::uint32_t i = 0; i < 100; ++i)
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'record'
      histogram.record(i);
  });
  requests.join();
  exporter.join();
  return exported;
}

std::uint64_t trace_dropping() {
  LatencyHistogram histogram;
  std::uint64_t exported = 0;
  std::thread exporter([&] { exported += histogram.flush(); });
  std::thread requests([&] {
    for (std::uint32_t i = 0; i < 100; ++i) {
      histogram.record_or_drop(i);
      histogram.record_if_free(i);
    }
  });
  requests.join();
  exporter.join();
  return exported;
}
