// RUN-STD: c++17
// A lock held in shared (reader) mode lets every other reader in: a write
// under std::shared_lock or lock_shared() races with the others, a write
// under std::unique_lock does not.
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

class HitCache {
public:
  void touch() {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    // EXPECT-WARNING@+2:5 unsynchronized write to 'cache.hits_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 the lock is held in shared mode here, and other holders in shared mode run at the same time; take it exclusively (std::unique_lock, lock()) to write
    ++hits_;
  }
  void touchExclusively() {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    ++hits_;
  }
  void touchByHand() {
    mutex_.lock_shared();
    // EXPECT-WARNING@+2:5 unsynchronized write to 'cache.misses_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 the lock is held in shared mode here, and other holders in shared mode run at the same time; take it exclusively (std::unique_lock, lock()) to write
    ++misses_;
    mutex_.unlock_shared();
  }
  long hits() const {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    return hits_ + misses_;
  }

private:
  mutable std::shared_mutex mutex_;
  long hits_ = 0;
  long misses_ = 0;
};

long serve(int clients) {
  HitCache cache;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+2:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int c = 0; c < clients; ++c)
    // EXPECT-NOTE@+2:37 the worker makes the write through this call of 'touch'
    // EXPECT-NOTE@+1:52 the worker makes the write through this call of 'touchByHand'
    workers.emplace_back([&cache] { cache.touch(); cache.touchByHand(); });
  for (std::thread &w : workers)
    w.join();
  return cache.hits();
}

// near-miss: the write takes the lock exclusively; readers share it.
long serveExclusive(int clients) {
  HitCache cache;
  std::vector<std::thread> workers;
  for (int c = 0; c < clients; ++c)
    workers.emplace_back([&cache] {
      cache.touchExclusively();
      (void)cache.hits();
    });
  for (std::thread &w : workers)
    w.join();
  return cache.hits();
}
