// The launching thread polls a flag the worker clears when it is done
// (`while (link_up.load()) { show(stats.frames); }`) and reads, in the
// loop's body, what the worker keeps writing: each trip of the body saw the
// flag still at its first value, so that load ordered nothing, and the
// read races with the worker's writes. Near misses: the read after the
// loop (the load that ended the loop saw the worker's store); a second
// flag, released by the worker after the write and acquired in the body;
// a flag that some store sets back to its first value; the read under the
// worker's lock.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

struct Stats {
  long frames = 0;
  long bytes = 0;
};

void decode(Stats &stats, int n) {
  for (int i = 0; i < n; ++i) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'stats.frames' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    stats.frames += 1;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'stats.bytes' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    stats.bytes += 188;
  }
}

void showWhileRunning(int n) {
  Stats stats;
  std::atomic<bool> linkUp{true};
  std::thread radio([&] {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'decode'
    decode(stats, n);
    linkUp.store(false);
  });
  while (linkUp.load())
    // EXPECT-NOTE@+1:26 the launching thread reads 'stats.frames' here while the worker may still be running
    std::printf("%ld\n", stats.frames);
  radio.join();
}

void showUntilDone(int n) {
  Stats stats;
  std::atomic<bool> done{false};
  std::thread radio([&] {
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'decode'
    decode(stats, n);
    done = true;
  });
  while (!done)
    // EXPECT-NOTE@+1:26 the launching thread reads 'stats.bytes' here while the worker may still be running
    std::printf("%ld\n", stats.bytes);
  radio.join();
}

// Near misses: silent.

void showAfterwards(int n) {
  Stats stats;
  std::atomic<bool> done{false};
  std::thread radio([&] {
    decode(stats, n);
    done.store(true);
  });
  while (!done.load()) {
  }
  std::printf("%ld\n", stats.frames);
  radio.join();
}

void showPublished(int n) {
  Stats stats;
  std::atomic<bool> done{false};
  std::atomic<bool> published{false};
  std::thread radio([&] {
    decode(stats, n);
    published.store(true, std::memory_order_release);
    done.store(true);
  });
  while (!done.load())
    if (published.load(std::memory_order_acquire))
      std::printf("%ld\n", stats.frames);
  radio.join();
}

void showRestarted(int n) {
  Stats stats;
  std::atomic<bool> idle{false};
  std::thread radio([&] {
    decode(stats, n);
    idle.store(true);
    idle.store(false);
  });
  while (!idle.load())
    std::printf("%ld\n", stats.frames);
  radio.join();
}

void showLocked(int n) {
  Stats stats;
  std::mutex mutex;
  std::atomic<bool> linkUp{true};
  std::thread radio([&] {
    for (int i = 0; i < n; ++i) {
      std::lock_guard<std::mutex> lock(mutex);
      stats.frames += 1;
    }
    linkUp.store(false);
  });
  while (linkUp.load()) {
    std::lock_guard<std::mutex> lock(mutex);
    std::printf("%ld\n", stats.frames);
  }
  radio.join();
}
