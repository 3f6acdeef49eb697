// RUN-STD: c++20
// A table loaded on first use through std::call_once with a lambda that
// calls a member (`[this] { load(); }`): the load's writes are made under
// the once flag only, so a getter that reads them without the flag, in
// another thread, meets the load. Near miss: a getter that runs the same
// call_once first (it waits for the load to finish).
#include <cstddef>
#include <mutex>
#include <thread>
#include <vector>

class Dictionary {
public:
  int lookup(std::size_t code) {
    std::call_once(loaded_, [this] { load(); });
    return words_.empty() ? 0 : words_[code % words_.size()];
  }
  std::size_t size() const { return size_; }
  std::size_t loadedSize() {
    std::call_once(loaded_, [this] { load(); });
    return size_;
  }

private:
  void load() {
    for (int i = 0; i < 64; ++i)
      words_.push_back(i * 7);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'dict.size_' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    size_ = words_.size();
  }
  std::once_flag loaded_;
  std::vector<int> words_;
  std::size_t size_ = 0;
};

std::size_t serve(Dictionary &dict) {
  int hits = 0;
  // EXPECT-NOTE@+1:37 the worker makes the write through this call of 'lookup'
  std::thread lookups([&] { hits += dict.lookup(42); });
  std::size_t seen = 0;
  // EXPECT-NOTE@+1:34 another worker reads 'dict.size_' here without holding the lock taken at the write
  std::thread stats([&] { seen = dict.size(); });
  lookups.join();
  stats.join();
  return seen + static_cast<std::size_t>(hits);
}

std::size_t serveOrdered(Dictionary &dict) {
  int hits = 0;
  std::thread lookups([&] { hits += dict.lookup(42); });
  std::size_t seen = 0;
  std::thread stats([&] { seen = dict.loadedSize(); });
  lookups.join();
  stats.join();
  return seen + static_cast<std::size_t>(hits);
}
