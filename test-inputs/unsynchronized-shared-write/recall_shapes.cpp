// RUN-STD: c++20
// Shapes of real races: a jthread's struct read before its scope ends,
// strided workers appending to a shared container, a lambda the worker runs
// through std::for_each, insertions into a shared map or set, and two
// counters updated together (each write is reported).
#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

int score(int value);

// A jthread writes members of a struct captured by reference; the launching
// thread reads them before the jthread's scope ends.
struct Progress {
  int done = 0;
  int failed = 0;
};
int progressEarly(int steps) {
  Progress progress;
  std::jthread worker([&progress, steps] {
    for (int i = 0; i < steps; ++i)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'progress.done' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      progress.done = i;
  });
  // EXPECT-NOTE@+1:14 the launching thread reads 'progress.done' here while the worker may still be running
  int seen = progress.done;
  return seen;
}

// Strided workers: `data[i]` is each worker's own slot, but `errors` and
// `log` are written by every worker.
void strided(std::vector<int> &data, unsigned threads) {
  std::vector<std::string> errors;
  std::string log;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (size_t i = t; i < data.size(); i += threads) {
        data[i] = score(data[i]);
        if (data[i] < 0)
          // EXPECT-WARNING@+1:11 unsynchronized call to 'emplace_back' on 'errors' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
          errors.emplace_back("negative");
        // EXPECT-WARNING@+1:9 unsynchronized write to 'log' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        log += "x";
      }
    });
  for (auto &worker : workers)
    worker.join();
}

// A write in a lambda the worker runs through std::for_each.
long nestedCallback(const std::vector<int> &data, unsigned threads) {
  long total = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&] {
      // EXPECT-WARNING@+1:60 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      std::for_each(data.begin(), data.end(), [&](int v) { total += v; });
    });
  for (auto &worker : workers)
    worker.join();
  return total;
}

// Insertions into a shared map and set from several workers.
void collect(unsigned threads) {
  std::map<unsigned, int> seen;
  std::set<unsigned> keys;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      // EXPECT-WARNING@+1:7 unsynchronized call to 'insert' on 'seen' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      seen.insert({t, score(1)});
      // EXPECT-WARNING@+1:7 unsynchronized call to 'emplace' on 'keys' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      keys.emplace(t);
    });
  for (auto &worker : workers)
    worker.join();
}

// Two related counters updated together: both writes race, both reported.
void average(const std::vector<int> &data, unsigned threads) {
  long sum = 0;
  long count = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'sum' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      sum += data[t];
      // EXPECT-WARNING@+1:7 unsynchronized write to 'count' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      ++count;
    });
  for (auto &worker : workers)
    worker.join();
}
