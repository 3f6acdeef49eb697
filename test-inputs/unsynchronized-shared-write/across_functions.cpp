// RUN-STD: c++20
// Writes in functions a worker calls: globals, members of `this`, objects
// handed by reference or pointer, followed through the calls the translation
// unit can see, with the locks held at each call carried in.
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int score(int value);

// Three calls deep to a global counter, from workers launched in a loop.
long g_processed = 0;
// EXPECT-WARNING@+1:30 unsynchronized write to 'g_processed' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void countOne(long amount) { g_processed += amount; }
void account(long amount) { countOne(amount); }
void process(int item) { account(score(item)); }

void processAll(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int item : items)
    // EXPECT-NOTE@+1:35 the worker makes the write through this call of 'process'
    workers.emplace_back([item] { process(item); });
  for (auto &worker : workers)
    worker.join();
}

// A member function of a shared object, through a reference parameter.
struct Stats {
  long hits = 0;
  long misses = 0;
  // EXPECT-WARNING@+1:16 unsynchronized write to 'stats.hits' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  void hit() { ++hits; }
};
void recordHit(Stats &stats) { stats.hit(); }

long countHits(int rounds) {
  Stats stats;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int r = 0; r < rounds; ++r)
    // EXPECT-NOTE@+1:37 the worker makes the write through this call of 'recordHit'
    workers.emplace_back([&stats] { recordHit(stats); });
  for (auto &worker : workers)
    worker.join();
  return stats.hits;
}

// Members of `this`, written by a helper the task calls.
class Server {
public:
  void serve(int clients) {
    std::vector<std::thread> workers;
    // EXPECT-NOTE@+1:5 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
    for (int c = 0; c < clients; ++c)
      // EXPECT-NOTE@+1:40 the worker makes the write through this call of 'handle'
      workers.emplace_back([this, c] { handle(c); });
    for (auto &worker : workers)
      worker.join();
  }

private:
  // EXPECT-WARNING@+1:40 unsynchronized write to 'last_' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  void note(const std::string &text) { last_ = text; }
  void handle(int client) { note(std::to_string(client)); }
  std::string last_;
};

// Through a pointer parameter.
// EXPECT-WARNING@+1:37 unsynchronized write to 'result' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void store(long *out, long value) { *out = value; }
long lastResult(int rounds) {
  long result = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int r = 0; r < rounds; ++r)
    // EXPECT-NOTE@+1:41 the worker makes the write through this call of 'store'
    workers.emplace_back([&result, r] { store(&result, score(r)); });
  for (auto &worker : workers)
    worker.join();
  return result;
}

// Every worker writes the same element: the helper's index is the same.
// EXPECT-WARNING@+1:58 unsynchronized write to 'out' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void put(std::vector<long> &out, int slot, long value) { out[slot] = value; }
std::vector<long> firstSlot(int rounds) {
  std::vector<long> out(rounds);
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int r = 0; r < rounds; ++r)
    // EXPECT-NOTE@+1:38 the worker makes the write through this call of 'put'
    workers.emplace_back([&out, r] { put(out, 0, score(r)); });
  for (auto &worker : workers)
    worker.join();
  return out;
}

// A function launched twice, writing through a helper.
struct Totals {
  long sum = 0;
};
// EXPECT-WARNING@+1:40 unsynchronized write to 'totals.sum' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void add(Totals &totals, long value) { totals.sum += value; }
// EXPECT-NOTE@+1:34 the worker makes the write through this call of 'add'
void sumWorker(Totals &totals) { add(totals, score(1)); }
long twoWorkers() {
  Totals totals;
  std::thread first(sumWorker, std::ref(totals));
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread second(sumWorker, std::ref(totals));
  first.join();
  second.join();
  return totals.sum;
}

// The launching thread reads while the jthread's helper writes.
struct Progress {
  int done = 0;
};
// EXPECT-WARNING@+1:46 unsynchronized write to 'progress.done' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void advance(Progress &progress, int step) { progress.done = step; }
int peek() {
  Progress progress;
  // EXPECT-NOTE@+1:37 the worker makes the write through this call of 'advance'
  std::jthread worker([&progress] { advance(progress, 3); });
  // EXPECT-NOTE@+1:10 the launching thread reads 'progress.done' here while the worker may still be running
  return progress.done;
}

// The lock is taken, but on a mutex local to the helper: it protects nothing.
long g_bytes = 0;
void addBytes(long amount) {
  std::mutex local;
  std::lock_guard<std::mutex> guard(local);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'g_bytes' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g_bytes += amount;
}
void copyAll(int files) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int f = 0; f < files; ++f)
    // EXPECT-NOTE@+1:32 the worker makes the write through this call of 'addBytes'
    workers.emplace_back([f] { addBytes(score(f)); });
  for (auto &worker : workers)
    worker.join();
}
