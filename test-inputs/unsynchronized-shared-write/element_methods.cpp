// RUN-STD: c++20
// Workers reach the elements of a shared container through a range-for's
// reference variable, and a container handed to them by const reference
// still has mutable members a const method writes.
#include <cstddef>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

class Key {
public:
  explicit Key(std::string text) : text_(std::move(text)) {}
  std::size_t hash() const {
    if (hash_ == 0)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'keys.hash_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      hash_ = std::hash<std::string>{}(text_) | 1;
    return hash_;
  }
  std::size_t length() const { return text_.size(); }

private:
  std::string text_;
  mutable std::size_t hash_ = 0;
};

void countShard(const std::vector<Key> &keys, unsigned shard, unsigned shards,
                std::size_t &count) {
  for (const Key &key : keys)
    // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'hash'
    if (key.hash() % shards == shard)
      ++count;
}

void shardByHash(const std::vector<Key> &keys) {
  std::size_t counts[4] = {};
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned s = 0; s < 4; ++s)
    workers.emplace_back(countShard, std::cref(keys), s, 4u, std::ref(counts[s]));
  for (auto &w : workers)
    w.join();
}

struct Job {
  int attempts = 0;
  bool done = false;
};

void retryAll(std::vector<Job> &jobs) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int w = 0; w < 2; ++w)
    workers.emplace_back([&jobs] {
      for (Job &job : jobs)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'jobs.attempts' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        ++job.attempts;
    });
  for (auto &t : workers)
    t.join();
}

// Near misses: silent.

void lengthsOnly(const std::vector<Key> &keys) {
  std::size_t totals[4] = {};
  std::vector<std::thread> workers;
  for (unsigned s = 0; s < 4; ++s)
    workers.emplace_back([&keys, &totals, s] {
      for (const Key &key : keys)
        totals[s] += key.length();
    });
  for (auto &w : workers)
    w.join();
}

void ownChunks(std::vector<std::vector<Job>> &chunks) {
  std::vector<std::thread> workers;
  for (std::size_t c = 0; c < chunks.size(); ++c)
    workers.emplace_back([&chunks, c] {
      for (Job &job : chunks[c])
        job.done = true;
    });
  for (auto &t : workers)
    t.join();
}

void byValue(std::vector<Key> keys) {
  std::vector<std::thread> workers;
  for (unsigned s = 0; s < 2; ++s)
    workers.emplace_back([keys, s] {
      std::size_t n = 0;
      for (const Key &key : keys)
        n += key.hash() % 2 == s;
      std::printf("%zu\n", n);
    });
  for (auto &w : workers)
    w.join();
}
