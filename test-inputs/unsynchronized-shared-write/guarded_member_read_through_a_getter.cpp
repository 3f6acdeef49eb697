// A getter that locks and returns a member by reference, used directly
// (`meter_.stats().requests`) by a dashboard that holds the meter through a
// reference member bound at its construction (`Dashboard dash(meter)`),
// while handlers built on the spot (`Handler(meter).serve()`) write the
// member under the meter's lock. Near misses: the getter returning a copy,
// and a dashboard bound to another meter.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

struct TrafficStats {
  std::uint64_t requests = 0;
  std::uint64_t bytes_out = 0;
};

class TrafficMeter {
public:
  void record(std::size_t bytes) {
    std::lock_guard<std::mutex> lock(mu_);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'meter.stats_.requests' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    ++stats_.requests;
    stats_.bytes_out += bytes;
  }
  const TrafficStats &stats() const {
    std::lock_guard<std::mutex> lock(mu_);
    return stats_;
  }
  TrafficStats copy() const {
    std::lock_guard<std::mutex> lock(mu_);
    return stats_;
  }

private:
  mutable std::mutex mu_;
  TrafficStats stats_;
};

class Handler {
public:
  Handler(TrafficMeter &meter, int id) : meter_(meter), id_(id) {}
  void serve(int responses) {
    for (int i = 0; i < responses; ++i)
      meter_.record(512 + static_cast<std::size_t>(i * id_));
  }

private:
  TrafficMeter &meter_;
  int id_;
};

class Dashboard {
public:
  explicit Dashboard(const TrafficMeter &meter) : meter_(meter) {}
  void run(const std::atomic<bool> &stop) {
    while (!stop.load())
      last_ = meter_.stats().requests;
  }
  void run_copies(const std::atomic<bool> &stop) {
    while (!stop.load())
      last_ = meter_.copy().requests;
  }
  std::uint64_t last_ = 0;

private:
  const TrafficMeter &meter_;
};

void proxy() {
  TrafficMeter meter;
  Dashboard dashboard(meter);
  std::atomic<bool> stop{false};
  // EXPECT-NOTE@+1:27 another worker reads 'meter.stats_.requests' here without holding the lock taken at the write
  std::thread admin([&] { dashboard.run(stop); });
  std::vector<std::thread> handlers;
  for (int id = 0; id < 2; ++id)
    // EXPECT-NOTE@+1:42 the worker makes the write through this call of 'serve'
    handlers.emplace_back([&meter, id] { Handler(meter, id).serve(100); });
  for (auto &t : handlers)
    t.join();
  stop.store(true);
  admin.join();
}

void proxy_copies() {
  TrafficMeter meter;
  Dashboard dashboard(meter);
  std::atomic<bool> stop{false};
  std::thread admin([&] { dashboard.run_copies(stop); });
  std::vector<std::thread> handlers;
  for (int id = 0; id < 2; ++id)
    handlers.emplace_back([&meter, id] { Handler(meter, id).serve(100); });
  for (auto &t : handlers)
    t.join();
  stop.store(true);
  admin.join();
}

void proxy_two_meters() {
  TrafficMeter meter, archive;
  Dashboard dashboard(archive);
  std::atomic<bool> stop{false};
  std::thread admin([&] { dashboard.run(stop); });
  std::vector<std::thread> handlers;
  for (int id = 0; id < 2; ++id)
    handlers.emplace_back([&meter, id] { Handler(meter, id).serve(100); });
  for (auto &t : handlers)
    t.join();
  stop.store(true);
  admin.join();
}
