// A write under a lock held in shared mode only, on one path of a lookup
// (`if (found) ++hits_;` under a std::shared_lock), reached through a helper
// the workers call: the reader lock says many threads run that code at
// once, whichever path the data picks. Near misses: the counter updated
// under the exclusive lock on the other path, and an atomic hit counter.
#include <atomic>
#include <map>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

class Cache {
public:
  int lookup(int key) {
    {
      std::shared_lock<std::shared_mutex> read(mu_);
      auto it = entries_.find(key);
      if (it != entries_.end()) {
        // EXPECT-WARNING@+2:9 unsynchronized write to 'cache.hits_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        // EXPECT-NOTE@+1:9 the lock is held in shared mode here, and other holders in shared mode run at the same time; take it exclusively (std::unique_lock, lock()) to write
        ++hits_;
        ++atomic_hits_;
        return it->second;
      }
    }
    std::unique_lock<std::shared_mutex> write(mu_);
    ++misses_;
    return entries_[key] = key * 2;
  }

private:
  std::shared_mutex mu_;
  std::map<int, int> entries_;
  long hits_ = 0;
  long misses_ = 0;
  std::atomic<long> atomic_hits_{0};
};

static long servePage(Cache &cache, int page) {
  long sum = 0;
  for (int i = 0; i < 16; ++i)
    sum += cache.lookup((page * 16 + i) % 40);
  return sum;
}

long serveAll() {
  Cache cache;
  std::vector<long> served(4, 0);
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&cache, &served, t] {
      // EXPECT-NOTE@+1:61 the worker makes the write through this call of 'servePage'
      for (int page = t; page < 12; page += 4) served[t] += servePage(cache, page);
    });
  for (auto &w : workers)
    w.join();
  return served[0] + served[1] + served[2] + served[3];
}
