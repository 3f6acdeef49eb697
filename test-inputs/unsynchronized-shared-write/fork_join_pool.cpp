// A fork-join pool of the program: submit() routes tasks into per-worker
// lists, run() starts one thread per list and joins them all. Its tasks run
// at the same time, so a scratch buffer they all capture is written by two
// threads at once. Near misses: a scratch buffer of each task's own, slots
// read after run() (which joins), and a queue whose run() starts a single
// thread (its tasks run one after another).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <thread>
#include <vector>

class ForkJoinPool {
public:
  explicit ForkJoinPool(std::size_t workers) : lists_(workers) {}

  void submit(std::function<void()> task) {
    lists_[next_++ % lists_.size()].push_back(std::move(task));
  }

  void run() {
    std::vector<std::thread> threads;
    for (auto &list : lists_)
      threads.emplace_back([&list] {
        for (auto &task : list)
          task();
      });
    for (auto &t : threads)
      t.join();
    for (auto &list : lists_)
      list.clear();
  }

private:
  std::vector<std::vector<std::function<void()>>> lists_;
  std::size_t next_ = 0;
};

class SerialQueue {
public:
  void submit(std::function<void()> task) { tasks_.push_back(std::move(task)); }
  void run() {
    std::thread worker([this] {
      for (auto &task : tasks_)
        task();
    });
    worker.join();
  }

private:
  std::vector<std::function<void()>> tasks_;
};

static std::size_t encode(const std::vector<std::uint8_t> &tile,
                          std::vector<std::uint8_t> &scratch) {
  std::uint8_t previous = 0;
  for (std::size_t i = 0; i < tile.size() && i < scratch.size(); ++i) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'scratch' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    scratch[i] = static_cast<std::uint8_t>(tile[i] - previous);
    previous = tile[i];
  }
  return scratch.size();
}

std::size_t encode_shared_scratch(const std::vector<std::vector<std::uint8_t>> &tiles) {
  std::vector<std::size_t> sizes(tiles.size());
  std::vector<std::uint8_t> scratch(64);
  ForkJoinPool pool(2);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (std::size_t t = 0; t < tiles.size(); ++t)
    // EXPECT-NOTE@+1:37 the worker makes the write through this call of 'encode'
    pool.submit([&, t] { sizes[t] = encode(tiles[t], scratch); });
  pool.run();
  std::size_t total = 0;
  for (std::size_t s : sizes)
    total += s;
  return total;
}

std::size_t encode_own_scratch(const std::vector<std::vector<std::uint8_t>> &tiles) {
  std::vector<std::size_t> sizes(tiles.size());
  ForkJoinPool pool(2);
  for (std::size_t t = 0; t < tiles.size(); ++t)
    pool.submit([&, t] {
      std::vector<std::uint8_t> scratch(64);
      sizes[t] = encode(tiles[t], scratch);
    });
  pool.run();
  std::size_t total = 0;
  for (std::size_t s : sizes)
    total += s;
  return total;
}

std::size_t encode_serially(const std::vector<std::vector<std::uint8_t>> &tiles) {
  std::vector<std::size_t> sizes(tiles.size());
  std::vector<std::uint8_t> scratch(64);
  SerialQueue queue;
  for (std::size_t t = 0; t < tiles.size(); ++t)
    queue.submit([&, t] { sizes[t] = encode(tiles[t], scratch); });
  queue.run();
  std::size_t total = 0;
  for (std::size_t s : sizes)
    total += s;
  return total;
}
