// RUN-CONFIG: {CheckOptions: {parlint.PoolTypes: 'engine::Workers', parlint.PoolTaskMethods: 'schedule', parlint.PoolWaitMethods: 'drain'}}
// Tasks queued on thread-pool libraries (BS::thread_pool, CTPL) and on a
// project's own pool named in the global options run at the same time as
// each other: their writes race like those of threads.
#include <functional>
#include <future>
#include <mutex>
#include <vector>

// Stand-ins with the libraries' names and the shape of their APIs.
namespace BS {
class thread_pool {
public:
  explicit thread_pool(unsigned threads);
  template <typename F> void detach_task(F &&task) { queue(task); }
  template <typename F> std::future<void> submit_task(F &&task) {
    queue(task);
    return {};
  }
  void wait();

private:
  void queue(std::function<void()> task);
};
} // namespace BS

namespace ctpl {
class thread_pool {
public:
  explicit thread_pool(int threads);
  template <typename F, typename... Args>
  std::future<void> push(F &&f, Args &&...args) {
    queue(std::bind(f, 0, args...));
    return {};
  }
  void stop(bool wait = false);

private:
  void queue(std::function<void()> task);
};
} // namespace ctpl

namespace engine {
class Workers {
public:
  void schedule(int priority, std::function<void()> job);
  void drain();
};
} // namespace engine

int weigh(int item);

long bsTotal(BS::thread_pool &pool, const std::vector<int> &items) {
  long total = 0;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int item : items)
    // EXPECT-WARNING@+1:39 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    pool.detach_task([&total, item] { total += weigh(item); });
  pool.wait();
  return total;
}

// CTPL passes the worker's id first; the task's own arguments follow.
long ctplTotal(ctpl::thread_pool &pool, const std::vector<int> &items) {
  long total = 0;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int item : items)
    // EXPECT-WARNING@+1:45 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    pool.push([&total](int id, int value) { total += weigh(value) + id; }, item);
  pool.stop(true);
  return total;
}

long projectTotal(engine::Workers &workers, const std::vector<int> &items) {
  long total = 0;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int item : items)
    // EXPECT-WARNING@+1:42 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    workers.schedule(1, [&total, item] { total += weigh(item); });
  workers.drain();
  return total;
}

// near-miss: every write under one mutex.
long lockedTotal(BS::thread_pool &pool, const std::vector<int> &items) {
  std::mutex lock;
  long total = 0;
  for (int item : items)
    pool.detach_task([&, item] {
      std::lock_guard<std::mutex> guard(lock);
      total += weigh(item);
    });
  pool.wait();
  return total;
}

// near-miss: a pool of one worker runs its tasks one at a time.
long serialTotal(const std::vector<int> &items) {
  BS::thread_pool pool(1);
  long total = 0;
  for (int item : items)
    pool.detach_task([&total, item] { total += weigh(item); });
  pool.wait();
  return total;
}

// near-miss: the launching thread reads the result after the pool's wait.
long readAfterWait(BS::thread_pool &pool, int item) {
  long result = 0;
  pool.detach_task([&result, item] { result = weigh(item); });
  pool.wait();
  return result;
}

// near-miss: per-slot writes, one index per task.
std::vector<long> slots(ctpl::thread_pool &pool, int count) {
  std::vector<long> out(count);
  for (int i = 0; i < count; ++i)
    pool.push([&out, i](int) { out[i] = weigh(i); });
  pool.stop(true);
  return out;
}

bool check(bool);

// near-miss: the task's own future waited for in the statement that queues
// it; the read comes after the task ended.
void bsWaitedAtOnce(BS::thread_pool &pool) {
  bool flag = false;
  const auto set = [&flag] { flag = true; };
  pool.submit_task(set).wait();
  check(flag);
}

// The same task, its future kept and read before it is waited for.
void bsReadBeforeWait(BS::thread_pool &pool) {
  bool flag = false;
  // EXPECT-WARNING@+1:30 unsynchronized write to 'flag' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  const auto set = [&flag] { flag = true; };
  std::future<void> done = pool.submit_task(set);
  // EXPECT-NOTE@+1:9 the launching thread reads 'flag' here while the worker may still be running
  check(flag);
  done.wait();
}
