// A pool the project writes itself as shards, each a thread with a queue of
// its own (a container of them as the pool's member): submit() queues a
// task on one shard, and tasks on different shards run at once. Tasks that
// add into a shared vector at an index read from their batch (`r.region`,
// through a range-for reference) race. Near miss: each task writes the
// slot of its own batch.
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class ShardedPool {
public:
  explicit ShardedPool(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
      shards_.push_back(std::make_unique<Shard>());
    for (auto &s : shards_)
      s->worker = std::thread([sh = s.get()] { run(*sh); });
  }
  ~ShardedPool() {
    for (auto &s : shards_) {
      {
        std::lock_guard<std::mutex> lock(s->mu);
        s->stopping = true;
      }
      s->cv.notify_one();
    }
    for (auto &s : shards_)
      s->worker.join();
  }
  void submit(std::function<void()> task) {
    Shard &s = *shards_[next_++ % shards_.size()];
    {
      std::lock_guard<std::mutex> lock(s.mu);
      s.tasks.push_back(std::move(task));
    }
    s.cv.notify_one();
  }

private:
  struct Shard {
    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::function<void()>> tasks;
    bool stopping = false;
    std::thread worker;
  };
  static void run(Shard &s) {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(s.mu);
        s.cv.wait(lock, [&s] { return s.stopping || !s.tasks.empty(); });
        if (s.tasks.empty())
          return;
        task = std::move(s.tasks.front());
        s.tasks.pop_front();
      }
      task();
    }
  }
  std::vector<std::unique_ptr<Shard>> shards_;
  std::size_t next_ = 0;
};

struct Reading {
  int region;
  double kwh;
};

std::vector<double> by_region(const std::vector<std::vector<Reading>> &batches) {
  std::vector<double> region_kwh(4, 0.0);
  {
    ShardedPool pool(4);
    // EXPECT-NOTE@+1:5 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
    for (const auto &batch : batches)
      pool.submit([&region_kwh, &batch] {
        for (const Reading &r : batch)
          // EXPECT-WARNING@+1:11 unsynchronized write to 'region_kwh' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
          region_kwh[r.region] += r.kwh;
      });
  }
  return region_kwh;
}

std::vector<double> by_batch(const std::vector<std::vector<Reading>> &batches) {
  std::vector<double> batch_kwh(batches.size(), 0.0);
  {
    ShardedPool pool(4);
    for (std::size_t b = 0; b < batches.size(); ++b)
      pool.submit([&batch_kwh, &batches, b] {
        for (const Reading &r : batches[b])
          batch_kwh[b] += r.kwh;
      });
  }
  return batch_kwh;
}
