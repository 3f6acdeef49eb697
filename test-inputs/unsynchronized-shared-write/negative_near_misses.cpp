// Near misses: writes that are protected, atomic, local to the worker, to a
// slot of the worker's own, done by one worker whose results are read after
// join(), or ordered by a hand-off. All must stay silent.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <numeric>
#include <shared_mutex>
#include <thread>
#include <vector>

int score(int value);
void consume(long value);

// near-miss: every write under one lock_guard.
long lockedSum(const std::vector<int> &values) {
  std::mutex lock;
  long total = 0;
  std::vector<std::thread> workers;
  for (int value : values)
    workers.emplace_back([&, value] {
      std::lock_guard<std::mutex> guard(lock);
      total += value;
    });
  for (auto &worker : workers)
    worker.join();
  return total;
}

// near-miss: scoped_lock, and unique_lock locked again before the write.
void relocked(std::vector<int> &out, const std::vector<int> &values) {
  std::mutex lock;
  std::vector<std::thread> workers;
  for (int value : values)
    workers.emplace_back([&, value] {
      std::unique_lock<std::mutex> guard(lock);
      guard.unlock();
      int weight = score(value);
      guard.lock();
      out.push_back(weight);
    });
  for (int value : values)
    workers.emplace_back([&, value] {
      std::scoped_lock guard(lock);
      out.push_back(value);
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: lock() and unlock() by hand.
void byHand(const std::vector<int> &values) {
  std::mutex lock;
  int largest = 0;
  std::vector<std::thread> workers;
  for (int value : values)
    workers.emplace_back([&, value] {
      lock.lock();
      largest = std::max(largest, value);
      lock.unlock();
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: an atomic counter.
int atomicCount(const std::vector<int> &values) {
  std::atomic<int> positive{0};
  std::vector<std::thread> workers;
  for (int value : values)
    workers.emplace_back([&, value] {
      if (value > 0)
        positive++;
    });
  for (auto &worker : workers)
    worker.join();
  return positive.load();
}

// near-miss: a slot per worker, indexed by the loop index captured by value.
std::vector<long> perSlot(const std::vector<int> &values) {
  std::vector<long> results(values.size());
  std::vector<std::thread> workers;
  for (size_t i = 0; i < values.size(); ++i)
    workers.emplace_back([&, i] { results[i] = score(values[i]); });
  for (auto &worker : workers)
    worker.join();
  return results;
}

// near-miss: chunks of the output, one per worker.
void chunked(const std::vector<int> &in, std::vector<int> &out, size_t chunk) {
  std::vector<std::thread> workers;
  for (size_t w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      size_t begin = w * chunk;
      size_t end = std::min(in.size(), begin + chunk);
      for (size_t i = begin; i < end; ++i)
        out[i] = in[i] * 2;
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: a worker function writing its own slot through a pointer.
void fillSlot(int *slots, int id) { slots[id] = score(id); }
void fillAll() {
  int slots[8] = {};
  std::vector<std::thread> workers;
  for (int id = 0; id < 8; ++id)
    workers.emplace_back(fillSlot, slots, id);
  for (auto &worker : workers)
    worker.join();
}

// near-miss: partial sums per worker, combined by worker 0 only... after a
// join of the others is not modelled, so the combination runs in the parent.
long partialSums(const std::vector<int> &values) {
  std::vector<long> partial(4);
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      for (size_t i = w; i < values.size(); i += 4)
        partial[w] += values[i];
    });
  for (auto &worker : workers)
    worker.join();
  return std::accumulate(partial.begin(), partial.end(), 0L);
}

// near-miss: only the worker with id 0 writes the shared flag.
void firstReports(bool &reported) {
  std::vector<std::thread> workers;
  for (int id = 0; id < 4; ++id)
    workers.emplace_back([&, id] {
      if (id != 0)
        return;
      reported = true;
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: one worker; the parent reads its result after join().
long single(const std::vector<int> &values) {
  long total = 0;
  std::thread worker([&] {
    for (int value : values)
      total += value;
  });
  worker.join();
  return total;
}

// near-miss: each iteration joins its thread before starting the next.
long oneAtATime(const std::vector<int> &values) {
  long total = 0;
  for (int value : values) {
    std::thread worker([&] { total += value; });
    worker.join();
  }
  return total;
}

// near-miss: locals of the worker, copies in its captures.
void locals(const std::vector<int> &values) {
  long total = 0;
  std::vector<std::thread> workers;
  for (int value : values)
    workers.emplace_back([total, value]() mutable {
      long mine = value;
      mine += score(value);
      total += mine;
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the result is handed over through a condition variable.
int handedOver() {
  std::mutex lock;
  std::condition_variable ready;
  bool done = false;
  int result = 0;
  std::thread worker([&] {
    result = score(1);
    std::lock_guard<std::mutex> guard(lock);
    done = true;
    ready.notify_one();
  });
  {
    std::unique_lock<std::mutex> guard(lock);
    ready.wait(guard, [&] { return done; });
  }
  int seen = result;
  worker.join();
  return seen;
}

// near-miss: a promise orders the write before the parent's read.
int promised() {
  int result = 0;
  std::promise<void> finished;
  std::future<void> signal = finished.get_future();
  std::thread worker([&] {
    result = score(2);
    finished.set_value();
  });
  signal.wait();
  int seen = result;
  worker.join();
  return seen;
}

// near-miss: the parent writes before the launch and reads after the join.
long beforeAndAfter(int seed) {
  long value = seed;
  std::thread worker([&] { value *= 2; });
  worker.join();
  value += 1;
  return value;
}

// near-miss: the futures are waited for before the parent reads.
long viaFutures() {
  long left = 0, right = 0;
  auto a = std::async(std::launch::async, [&] { left = score(1); });
  auto b = std::async(std::launch::async, [&] { right = score(2); });
  a.get();
  b.get();
  return left + right;
}

// near-miss: deferred tasks run in the caller.
long deferred() {
  long total = 0;
  auto a = std::async(std::launch::deferred, [&] { total += 1; });
  auto b = std::async(std::launch::deferred, [&] { total += 2; });
  a.get();
  b.get();
  return total;
}

// near-miss: two workers write different members of one object.
struct Stats {
  long hits = 0;
  long misses = 0;
};
Stats splitMembers() {
  Stats stats;
  std::thread a([&] { stats.hits = score(1); });
  std::thread b([&] { stats.misses = score(2); });
  a.join();
  b.join();
  return stats;
}

// near-miss: a reader-writer lock held exclusively for the write.
void exclusive(const std::vector<int> &values) {
  std::shared_mutex lock;
  std::vector<int> out;
  std::vector<std::thread> workers;
  for (int value : values)
    workers.emplace_back([&, value] {
      std::unique_lock<std::shared_mutex> guard(lock);
      out.push_back(value);
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the worker only reads what it shares.
void readers(const std::vector<int> &values) {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&] { consume(std::accumulate(values.begin(), values.end(), 0L)); });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: thread_local state is per thread.
thread_local int t_calls = 0;
void perThread() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([] { ++t_calls; });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: a ticket from an atomic counter addresses a slot of its own.
void tickets(std::vector<int> &out, const std::vector<int> &values) {
  std::atomic<size_t> next{0};
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w)
    workers.emplace_back([&] {
      for (int value : values)
        out[next.fetch_add(1)] = value;
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: std::call_once runs the initialization once.
void initOnce(std::vector<int> &table) {
  std::once_flag once;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&] { std::call_once(once, [&] { table.push_back(1); }); });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: two workers, each writing an element of its own by a constant.
std::vector<long> twoHalves(const std::vector<int> &values) {
  std::vector<long> halves(2);
  std::thread first([&] { halves[0] = std::accumulate(values.begin(), values.begin() + values.size() / 2, 0L); });
  std::thread second([&] { halves[1] = std::accumulate(values.begin() + values.size() / 2, values.end(), 0L); });
  first.join();
  second.join();
  return halves;
}

// near-miss: futures kept in a vector and drained before the read.
long futuresDrained() {
  long last = 0;
  std::vector<std::future<void>> pending;
  pending.push_back(std::async(std::launch::async, [&] { last = score(1); }));
  for (auto &task : pending)
    task.get();
  pending.push_back(std::async(std::launch::async, [&] { last = score(2); }));
  pending.back().wait();
  return last;
}

// near-miss: a member thread joined by a member function before the read.
class Task {
public:
  long run() {
    thread_ = std::thread([this] { result_ = score(3); });
    waitForCompletion();
    return result_;
  }

private:
  void waitForCompletion() { thread_.join(); }
  std::thread thread_;
  long result_ = 0;
};

// near-miss: an index parlint cannot place (the worker's id folded by `%`
// or `/`, an unknown function of it). Whether two workers meet depends on
// values the check does not know: silent, as documented.
void foldedIndexes(std::vector<long> &slots, int width) {
  std::vector<std::thread> workers;
  for (int id = 0; id < width * 2; ++id)
    workers.emplace_back([&slots, id, width] {
      slots[id % width] = score(id);
      slots[id / 2] += score(id);
    });
  for (auto &worker : workers)
    worker.join();
}

struct Ingest {
  int last = 0;
  void addOne() { last++; }
  void compact();
  // near-miss: each iteration joins every thread it put in the container
  // (sometimes two), so no two addOne() calls overlap.
  void run(int rounds) {
    std::vector<std::thread> threads;
    for (int round = 0; round < rounds; ++round) {
      if (round % 10 == 0)
        threads.emplace_back([this] { compact(); });
      threads.emplace_back([this] { addOne(); });
      for (std::thread &t : threads)
        t.join();
      threads.clear();
    }
  }
};
