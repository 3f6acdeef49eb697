// RUN-STD: c++17
// A local bound to one element of a shared container — a reference from
// at() or [], a pointer to it, an iterator from find() — touches that
// element of the container: a write through it races like `table[key] = v`
// unless the key is the worker's own.
#include <map>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct Stats {
  long lines = 0;
};

long countByModule(const std::vector<std::vector<std::string>> &batches,
                   std::unordered_map<std::string, Stats> &byModule) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (const std::vector<std::string> &modules : batches)
    workers.emplace_back([&byModule, &modules] {
      for (std::string module : modules) {
        Stats &stats = byModule.at(module);
        // EXPECT-WARNING@+1:9 unsynchronized write to 'byModule.lines' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        stats.lines += 1;
      }
    });
  for (std::thread &w : workers)
    w.join();
  return static_cast<long>(byModule.size());
}

class Sessions {
public:
  void touch(const std::string &token, long now) {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = entries_.find(token);
    if (it == entries_.end())
      return;
    // EXPECT-WARNING@+2:5 unsynchronized write to 'sessions.entries_.second' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 the lock is held in shared mode here, and other holders in shared mode run at the same time; take it exclusively (std::unique_lock, lock()) to write
    it->second = now;
  }
  void touchExclusively(const std::string &token, long now) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto it = entries_.find(token);
    if (it != entries_.end())
      it->second = now;
  }

private:
  std::shared_mutex mutex_;
  std::map<std::string, long> entries_;
};

void refresh(Sessions &sessions, const std::vector<std::string> &tokens) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned w = 0; w < tokens.size(); ++w)
    workers.emplace_back([&sessions, &tokens, w] {
      for (unsigned i = 0; i < 100; ++i)
        // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'touch'
        sessions.touch(tokens[(i + w) % tokens.size()], i);
    });
  for (std::thread &t : workers)
    t.join();
}

// near-miss: each worker writes through an alias of its own slot, or
// takes the lock exclusively, or only compares the iterator.
void ownSlots(std::vector<Stats> &perWorker, Sessions &sessions,
              const std::map<std::string, long> &seen) {
  std::vector<std::thread> workers;
  for (unsigned w = 0; w < perWorker.size(); ++w)
    workers.emplace_back([&perWorker, &sessions, &seen, w] {
      Stats &mine = perWorker[w];
      Stats *also = &perWorker.at(w);
      mine.lines += 1;
      also->lines += 1;
      sessions.touchExclusively("k", w);
      auto it = seen.find("k");
      if (it != seen.end())
        (void)it;
    });
  for (std::thread &t : workers)
    t.join();
}
