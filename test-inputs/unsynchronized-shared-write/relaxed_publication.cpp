// A snapshot published through an atomic flag with relaxed stores and
// loads: a relaxed operation orders nothing around it, so the exporter's
// copy of the snapshot races with the next fill. Near miss: the same
// exchange with release and acquire.
#include <atomic>
#include <thread>

struct Snapshot {
  long requests;
  long errors;
};

struct Channel {
  Snapshot snap{};
  std::atomic<bool> ready{false};
};

static void publish_relaxed(Channel &ch, int rounds) {
  for (int r = 0; r < rounds; ++r) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'relaxed.snap.requests' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    ch.snap.requests = r;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'relaxed.snap.errors' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    ch.snap.errors = r / 7;
    ch.ready.store(true, std::memory_order_relaxed);
    while (ch.ready.load(std::memory_order_relaxed)) {
    }
  }
}

static long export_relaxed(Channel &ch, int rounds) {
  long total = 0;
  for (int r = 0; r < rounds; ++r) {
    while (!ch.ready.load(std::memory_order_relaxed)) {
    }
    Snapshot s = ch.snap;
    total += s.requests + s.errors;
    ch.ready.store(false, std::memory_order_relaxed);
  }
  return total;
}

static void publish_released(Channel &ch, int rounds) {
  for (int r = 0; r < rounds; ++r) {
    ch.snap.requests = r;
    ch.snap.errors = r / 7;
    ch.ready.store(true, std::memory_order_release);
    while (ch.ready.load(std::memory_order_acquire)) {
    }
  }
}

static long export_acquired(Channel &ch, int rounds) {
  long total = 0;
  for (int r = 0; r < rounds; ++r) {
    while (!ch.ready.load(std::memory_order_acquire)) {
    }
    Snapshot s = ch.snap;
    total += s.requests + s.errors;
    ch.ready.store(false, std::memory_order_release);
  }
  return total;
}

long run_relaxed(int rounds) {
  Channel relaxed;
  long total = 0;
  std::thread producer(publish_relaxed, std::ref(relaxed), rounds);
  // EXPECT-NOTE@+2:61 another worker reads 'relaxed.snap.requests' here
  // EXPECT-NOTE@+1:61 another worker reads 'relaxed.snap.errors' here
  std::thread exporter([&relaxed, &total, rounds] { total = export_relaxed(relaxed, rounds); });
  producer.join();
  exporter.join();
  return total;
}

long run_released(int rounds) {
  Channel released;
  long total = 0;
  std::thread producer(publish_released, std::ref(released), rounds);
  std::thread exporter([&released, &total, rounds] { total = export_acquired(released, rounds); });
  producer.join();
  exporter.join();
  return total;
}
