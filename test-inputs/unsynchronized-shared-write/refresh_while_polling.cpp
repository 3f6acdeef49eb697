// A refresher thread rewrites a cache's values, without the cache's lock,
// on every trip of a loop that polls a stop flag, while reader threads look
// values up under the lock. Polling the flag orders the trips with nothing
// the readers do, so the rewrite races with the lookups. Near misses: a
// refresher that takes the lock, and one whose only rewrite comes after the
// polling loop has seen the flag (the readers are done by then).
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class PriceCache {
public:
  long lookup(const std::string &sku) const {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = prices_.find(sku);
    return it == prices_.end() ? -1 : it->second;
  }

  void refresh_all(unsigned epoch) {
    for (auto &entry : prices_)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'cache.prices_.second' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      entry.second = static_cast<long>(entry.first.size() + epoch);
  }

  void refresh_all_locked(unsigned epoch) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto &entry : prices_)
      entry.second = static_cast<long>(entry.first.size() + epoch);
  }

private:
  mutable std::mutex mu_;
  std::map<std::string, long> prices_;
};

void refresh_unlocked(const std::vector<std::string> &skus) {
  PriceCache cache;
  std::atomic<bool> stop{false};
  std::thread refresher([&cache, &stop] {
    unsigned epoch = 0;
    do {
      // EXPECT-NOTE@+1:7 the worker makes the write through this call of 'refresh_all'
      cache.refresh_all(++epoch);
    } while (!stop.load(std::memory_order_relaxed));
  });
  std::vector<long> totals(3, 0);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&cache, &skus, &totals, r] {
      for (int i = 0; i < 1000; ++i)
        // EXPECT-NOTE@+1:22 another worker reads 'cache.prices_.second' here
        totals[r] += cache.lookup(skus[i % skus.size()]);
    });
  for (auto &t : readers)
    t.join();
  stop = true;
  refresher.join();
}

void refresh_locked(const std::vector<std::string> &skus) {
  PriceCache cache;
  std::atomic<bool> stop{false};
  std::thread refresher([&cache, &stop] {
    unsigned epoch = 0;
    do {
      cache.refresh_all_locked(++epoch);
    } while (!stop.load(std::memory_order_relaxed));
  });
  std::vector<long> totals(3, 0);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&cache, &skus, &totals, r] {
      for (int i = 0; i < 1000; ++i)
        totals[r] += cache.lookup(skus[i % skus.size()]);
    });
  for (auto &t : readers)
    t.join();
  stop = true;
  refresher.join();
}

void refresh_after_stop(const std::vector<std::string> &skus) {
  PriceCache cache;
  std::atomic<bool> stop{false};
  std::thread refresher([&cache, &stop] {
    while (!stop.load(std::memory_order_acquire)) {
    }
    cache.refresh_all(1);
  });
  std::vector<long> totals(3, 0);
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r)
    readers.emplace_back([&cache, &skus, &totals, r] {
      for (int i = 0; i < 1000; ++i)
        totals[r] += cache.lookup(skus[i % skus.size()]);
    });
  for (auto &t : readers)
    t.join();
  stop = true;
  refresher.join();
}
