// Double-checked locking on a plain flag, in a method two separately
// started threads call: each may test the flag without the lock while the
// other sets it under the lock. With an atomic flag it is correct.
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>

class Catalog {
public:
  int find(const std::string &key) {
    if (!ready_) {
      std::lock_guard<std::mutex> guard(mu_);
      if (!ready_) {
        entries_["a"] = 1;
        // EXPECT-WARNING@+1:9 unsynchronized write to 'g_catalog.ready_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        ready_ = true;
      }
    }
    std::lock_guard<std::mutex> guard(mu_);
    auto it = entries_.find(key);
    return it == entries_.end() ? 0 : it->second;
  }

private:
  std::mutex mu_;
  std::map<std::string, int> entries_;
  bool ready_ = false;
};

class AtomicCatalog {
public:
  int find(const std::string &key) {
    if (!ready_.load(std::memory_order_acquire)) {
      std::lock_guard<std::mutex> guard(mu_);
      if (!ready_.load(std::memory_order_relaxed)) {
        entries_["a"] = 1;
        ready_.store(true, std::memory_order_release);
      }
    }
    std::lock_guard<std::mutex> guard(mu_);
    auto it = entries_.find(key);
    return it == entries_.end() ? 0 : it->second;
  }

private:
  std::mutex mu_;
  std::map<std::string, int> entries_;
  std::atomic<bool> ready_{false};
};

static Catalog g_catalog;
static AtomicCatalog g_atomic_catalog;

static void lookups(int *hits) {
  for (int i = 0; i < 100; ++i)
    // EXPECT-NOTE@+2:14 the worker makes the write through this call of 'find'
    // EXPECT-NOTE@+1:14 each instance reads 'g_catalog.ready_' here without holding the lock taken at the write
    *hits += g_catalog.find("a");
}

static void atomic_lookups(int *hits) {
  for (int i = 0; i < 100; ++i)
    *hits += g_atomic_catalog.find("b");
}

int main() {
  int a = 0, b = 0;
  std::thread first(lookups, &a);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread second(lookups, &b);
  first.join();
  second.join();
  return a + b;
}

int atomic_main() {
  int a = 0, b = 0;
  std::thread first(atomic_lookups, &a);
  std::thread second(atomic_lookups, &b);
  first.join();
  second.join();
  return a + b;
}
