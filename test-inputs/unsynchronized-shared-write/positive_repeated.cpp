// Writes of a worker that runs several times at once: launched on every
// iteration of a loop whose workers overlap, or the same callable launched
// twice.
#include <map>
#include <mutex>
#include <pthread.h>
#include <string>
#include <thread>
#include <vector>

long g_processed = 0;
int score(int value);

// A sum over the input, every thread adding into one variable.
long sumAll(const std::vector<int> &values) {
  long total = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned w = 0; w < 4; ++w)
    workers.emplace_back([&, w] {
      for (size_t i = w; i < values.size(); i += 4)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        total += values[i];
    });
  for (auto &worker : workers)
    worker.join();
  return total;
}

// A histogram indexed by the data: two threads may hit the same bucket.
std::vector<int> histogram(const std::vector<int> &values) {
  std::vector<int> buckets(10);
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned w = 0; w < 2; ++w)
    workers.emplace_back([&, w] {
      for (size_t i = w; i < values.size(); i += 2)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'buckets' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        buckets[values[i] % 10]++;
    });
  for (auto &worker : workers)
    worker.join();
  return buckets;
}

// A free function counting into a global, started twice.
// EXPECT-WARNING@+1:19 unsynchronized write to 'g_processed' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void countOne() { ++g_processed; }
void startTwo() {
  std::thread first(countOne);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread second(countOne);
  first.join();
  second.join();
}

// One lambda object launched twice: the captures are the same objects.
std::vector<std::string> collectNames() {
  std::vector<std::string> names;
  // EXPECT-WARNING@+1:20 unsynchronized call to 'push_back' on 'names' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  auto job = [&] { names.push_back("worker"); };
  std::thread a(job);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread b(job);
  a.join();
  b.join();
  return names;
}

// A map filled through operator[], which inserts.
std::map<int, int> tally(const std::vector<int> &values) {
  std::map<int, int> counts;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    // EXPECT-WARNING@+1:45 unsynchronized insertion into 'counts' by operator[] in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    workers.emplace_back([&counts, value] { counts[value] = score(value); });
  for (auto &worker : workers)
    worker.join();
  return counts;
}

// The same slot for every worker: the index does not depend on it.
void sameSlot(std::vector<int> &out) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int w = 0; w < 3; ++w)
    // EXPECT-WARNING@+1:38 unsynchronized write to 'out' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    workers.emplace_back([&out, w] { out[0] = score(w); });
  for (auto &worker : workers)
    worker.join();
}

// A reference parameter bound to one object in every launch.
// EXPECT-WARNING@+1:50 unsynchronized call to 'push_back' on 'all' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
void append(std::vector<int> &into, int value) { into.push_back(value); }
void appendAll(const std::vector<int> &values) {
  std::vector<int> all;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    workers.emplace_back(append, std::ref(all), value);
  for (auto &worker : workers)
    worker.join();
}

// The lock is released before the write.
void releasedEarly(const std::vector<int> &values) {
  std::mutex lock;
  long total = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    workers.emplace_back([&, value] {
      std::unique_lock<std::mutex> guard(lock);
      int weight = score(value);
      guard.unlock();
      // EXPECT-WARNING@+1:7 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      total += weight;
    });
  for (auto &worker : workers)
    worker.join();
}

// A mutex of the worker's own protects nothing shared.
void localMutex(const std::vector<int> &values) {
  long total = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    workers.emplace_back([&, value] {
      std::mutex mine;
      std::lock_guard<std::mutex> guard(mine);
      // EXPECT-WARNING@+1:7 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      total += value;
    });
  for (auto &worker : workers)
    worker.join();
}

// The lock is taken on one path only.
void lockedOnOnePath(const std::vector<int> &values, bool careful) {
  std::mutex lock;
  int seen = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    workers.emplace_back([&, value] {
      if (careful)
        lock.lock();
      // EXPECT-WARNING@+1:7 unsynchronized write to 'seen' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      seen = value;
      if (careful)
        lock.unlock();
    });
  for (auto &worker : workers)
    worker.join();
}

// A while loop over a queue of jobs; the threads are joined at the end.
void drain(std::vector<int> &jobs) {
  int finished = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  while (!jobs.empty()) {
    int job = jobs.back();
    jobs.pop_back();
    // EXPECT-WARNING@+1:45 unsynchronized write to 'finished' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    workers.emplace_back([&finished, job] { finished = job; });
  }
  for (auto &worker : workers)
    worker.join();
}

// pthreads writing a static counter.
static int s_started = 0;
void *onStart(void *) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 's_started' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  s_started++;
  return nullptr;
}
void startPosix() {
  pthread_t ids[4];
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 4; ++i)
    pthread_create(&ids[i], nullptr, onStart, nullptr);
  for (int i = 0; i < 4; ++i)
    pthread_join(ids[i], nullptr);
}

// A static local of the worker function is shared by every call.
void countCalls() {
  static int calls = 0;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'calls' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  calls += 1;
}
void startCounting() {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 3; ++i)
    workers.emplace_back(countCalls);
  for (auto &worker : workers)
    worker.join();
}

// One finding per object a worker writes, at its first write: the fix (an
// atomic, one mutex) is the object's, so the later writes add no warning.
int checksRun = 0;
void checkAll(const std::vector<int> &values) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    workers.emplace_back([value] {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'checksRun' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      checksRun++;
      if (value > 0)
        checksRun += 2;
      checksRun = checksRun * 2;
    });
  for (auto &worker : workers)
    worker.join();
}
