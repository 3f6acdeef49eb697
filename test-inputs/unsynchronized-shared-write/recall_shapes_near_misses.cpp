// RUN-STD: c++20
// Near misses for the recall shapes: each is the race's fixed form.
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

int score(int value);

struct Progress {
  int done = 0;
};

// near-miss: the read comes after the jthread's scope ends (it joins).
int progressAfter(int steps) {
  Progress progress;
  {
    std::jthread worker([&progress, steps] {
      for (int i = 0; i < steps; ++i)
        progress.done = i;
    });
  }
  return progress.done;
}

// near-miss: strided workers writing only their own slots, errors per worker.
void stridedOwnSlots(std::vector<int> &data, unsigned threads) {
  std::vector<std::vector<std::string>> errors(threads);
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (size_t i = t; i < data.size(); i += threads) {
        data[i] = score(data[i]);
        if (data[i] < 0)
          errors[t].emplace_back("negative");
      }
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the std::for_each callback adds into the worker's own local.
void nestedLocal(const std::vector<int> &data, std::vector<long> &sums,
                 unsigned threads) {
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      long mine = 0;
      std::for_each(data.begin(), data.end(), [&](int v) { mine += v; });
      sums[t] = mine;
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: insertions into a shared map under one lock.
void collectLocked(unsigned threads) {
  std::mutex lock;
  std::map<unsigned, int> seen;
  std::set<unsigned> keys;
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      std::lock_guard<std::mutex> guard(lock);
      seen.insert({t, score(1)});
      keys.emplace(t);
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: two related counters, both atomic.
void averageAtomic(const std::vector<int> &data, unsigned threads) {
  std::atomic<long> sum{0};
  std::atomic<long> count{0};
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      sum += data[t];
      ++count;
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: one worker updates both counters; the launching thread reads
// them after join.
long averageOne(const std::vector<int> &data) {
  long sum = 0;
  long count = 0;
  std::thread worker([&] {
    for (int v : data) {
      sum += v;
      ++count;
    }
  });
  worker.join();
  return count ? sum / count : 0;
}
