// RUN-STD: c++20
// Near misses for writes in functions a worker calls: locks held at the call
// or taken in the helper, slots of the worker's own, atomics, thread-locals,
// locals, one worker, writes after join, unknown code. All stay silent.
#include <atomic>
#include <functional>
#include <mutex>
#include <pthread.h>
#include <thread>
#include <vector>

int score(int value);

long g_total = 0;
std::mutex g_lock;
void addTotal(long amount) { g_total += amount; }
void addVia(long amount) { addTotal(amount); }

// near-miss: the helper is called under a lock_guard.
void lockedAtCall(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] {
      std::lock_guard<std::mutex> guard(g_lock);
      addVia(score(r));
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: a unique_lock around the call.
void uniqueLockAtCall(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] {
      std::unique_lock<std::mutex> guard(g_lock);
      addVia(score(r));
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the helper takes the lock itself, two calls down.
void addLocked(long amount) {
  std::scoped_lock guard(g_lock);
  g_total += amount;
}
void addLockedVia(long amount) { addLocked(amount); }
void lockedInHelper(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] { addLockedVia(score(r)); });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: a member function that locks the object's own mutex.
struct Counter {
  void bump() {
    std::lock_guard<std::mutex> guard(mutex_);
    ++count_;
  }
  long count_ = 0;
  std::mutex mutex_;
};
void bumpCounter(Counter &counter) { counter.bump(); }
long lockedMember(int rounds) {
  Counter counter;
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([&counter] { bumpCounter(counter); });
  for (auto &worker : workers)
    worker.join();
  return counter.count_;
}

// near-miss: the worker's own slot, chosen by the index it hands the helper.
void put(std::vector<long> &out, int slot, long value) { out[slot] = value; }
void putVia(std::vector<long> &out, int slot) { put(out, slot, score(slot)); }
std::vector<long> perSlot(int rounds) {
  std::vector<long> out(rounds);
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([&out, r] { putVia(out, r); });
  for (auto &worker : workers)
    worker.join();
  return out;
}

// near-miss: an atomic written by the helper.
std::atomic<long> g_seen{0};
void see() { ++g_seen; }
void atomicHelper(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([] { see(); });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: a thread_local counter and the helper's own locals.
thread_local long t_calls = 0;
long localWork(long value) {
  ++t_calls;
  long sum = 0;
  std::vector<long> scratch;
  scratch.push_back(value);
  sum += value;
  return sum;
}
void threadLocals(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] { localWork(r); });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: one worker, and the launching thread writes only after join.
void singleWorker() {
  std::thread worker([] { addVia(1); });
  worker.join();
  g_total = 0;
}

// near-miss: the helper writes an object local to the worker.
struct Tally {
  long sum = 0;
};
void addTo(Tally &tally, long value) { tally.sum += value; }
void ownTally(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] {
      Tally mine;
      addTo(mine, score(r));
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the helper is reached through a function pointer or a virtual
// call: unknown code writes nothing.
void (*g_sink)(long) = addTotal;
struct Sink {
  virtual void put(long value) = 0;
  virtual ~Sink() = default;
};
void unknownCode(Sink &sink, int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([&sink, r] {
      g_sink(r);
      sink.put(r);
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: a helper declared here but defined elsewhere.
void recordElsewhere(long value);
void noBody(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] { recordElsewhere(r); });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the jthread's scope ends before the read.
struct Progress {
  int done = 0;
};
void advance(Progress &progress, int step) { progress.done = step; }
int scopedJthread() {
  Progress progress;
  {
    std::jthread worker([&progress] { advance(progress, 3); });
  }
  return progress.done;
}

// near-miss: a C-style helper that takes a pthread mutex around the write.
pthread_mutex_t g_eventLock = PTHREAD_MUTEX_INITIALIZER;
long g_events = 0;
void logEvent() {
  pthread_mutex_lock(&g_eventLock);
  ++g_events;
  pthread_mutex_unlock(&g_eventLock);
}
void handleEvent(int event) {
  if (score(event) > 0)
    logEvent();
}
void pthreadLockedHelper(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] { handleEvent(r); });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the helper writes a member of an object of the worker's own.
struct Accumulator {
  long total = 0;
  void add(long value) { total += value; }
};
void ownObject(int rounds) {
  std::vector<std::thread> workers;
  for (int r = 0; r < rounds; ++r)
    workers.emplace_back([r] {
      Accumulator mine;
      mine.add(score(r));
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the helper writes the shared counters only on some of its paths
// (an error branch, a mode the worker's threads never run in); parlint cannot
// tell which, so the call says nothing. The worker's own writes still count.
long g_errorReplies = 0;
long g_processed = 0;
bool g_ioThreadsActive = false;
bool malformed(int item);
void countError() { ++g_errorReplies; }
void processItem(int item) {
  if (malformed(item)) {
    countError();
    return;
  }
  ++g_processed;
}
void readItem(int item) {
  if (g_ioThreadsActive)
    return; // the IO threads only read; the main thread processes
  processItem(item);
}
void ioThreads(int n) {
  std::vector<std::thread> threads;
  for (int id = 0; id < n; ++id)
    threads.emplace_back([id] { readItem(id); });
  for (auto &thread : threads)
    thread.join();
}
