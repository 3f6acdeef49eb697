// RUN-STD: c++20
// State built on first use: an unlocked lazy initialization in a helper that
// workers call (each may be first), and double-checked locking on a plain
// value (written under the lock, tested without it).
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

struct Table {
  int size = 0;
};

Table *gTable = nullptr;
Table *loadTable() { return new Table{16}; }

const Table &table() {
  if (!gTable)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'gTable' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    gTable = loadTable();
  return *gTable;
}

void lookups(int n) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < n; ++i)
    // EXPECT-NOTE@+1:51 the worker makes the write through this call of 'table'
    workers.emplace_back([] { std::printf("%d\n", table().size); });
  for (auto &w : workers)
    w.join();
}

class Limits {
public:
  bool allows(unsigned long length) {
    if (cap_ == 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cap_ == 0)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'limits.cap_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        cap_ = 4096;
    }
    return length <= cap_;
  }

private:
  std::mutex mutex_;
  unsigned long cap_ = 0;
};

void uploads(int n) {
  Limits limits;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < n; ++i)
    // EXPECT-NOTE@+2:32 the worker makes the write through this call of 'allows'
    // EXPECT-NOTE@+1:32 each instance reads 'limits.cap_' here without holding the lock taken at the write
    workers.emplace_back([&] { limits.allows(100); });
  for (auto &w : workers)
    w.join();
}

// Near misses: silent.

std::once_flag gCountsOnce;
int *gCounts = nullptr;
const int *counts() {
  std::call_once(gCountsOnce, [] { gCounts = new int[8](); });
  return gCounts;
}

void onceLookups(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([] { std::printf("%d\n", counts()[0]); });
  for (auto &w : workers)
    w.join();
}

class LockedLimits {
public:
  bool allows(unsigned long length) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (cap_ == 0)
      cap_ = 4096;
    return length <= cap_;
  }

private:
  std::mutex mutex_;
  unsigned long cap_ = 0;
};

void lockedUploads(int n) {
  LockedLimits limits;
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([&] { limits.allows(100); });
  for (auto &w : workers)
    w.join();
}

class AtomicLimits {
public:
  bool allows(unsigned long length) {
    if (cap_.load() == 0) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cap_.load() == 0)
        cap_.store(4096);
    }
    return length <= cap_.load();
  }

private:
  std::mutex mutex_;
  std::atomic<unsigned long> cap_{0};
};

void atomicUploads(int n) {
  AtomicLimits limits;
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([&] { limits.allows(100); });
  for (auto &w : workers)
    w.join();
}

// Initialized by the launching thread before the workers start; the
// workers only read it.
void warmedUp(int n) {
  table();
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([] { std::printf("%d\n", gTable->size); });
  for (auto &w : workers)
    w.join();
}

// A pool's worker records which pool it serves (`this` stored as a
// pointer, no read of the pool) and pops under the lock.
thread_local const void *currentPool = nullptr;

class Pool {
public:
  void work() {
    currentPool = this;
    std::lock_guard<std::mutex> lock(mutex_);
    if (!jobs_.empty())
      jobs_.pop_back();
  }

private:
  std::mutex mutex_;
  std::vector<int> jobs_{1, 2, 3};
};

void poolWorkers(int n) {
  Pool pool;
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([&] { pool.work(); });
  for (auto &w : workers)
    w.join();
}

// A bound, not a first use: the helper hands out chunks while the offset is
// below the total, under a lock of the program's own whose body is not here
// (it may be a semaphore used as a mutex).
void takeChunkTurn();
void endChunkTurn();
unsigned long chunkOffset = 0, chunkTotal = 1 << 20;

bool nextChunk(unsigned long &offset) {
  bool found = false;
  takeChunkTurn();
  if (chunkOffset < chunkTotal) {
    offset = chunkOffset;
    chunkOffset += 4096;
    found = true;
  }
  endChunkTurn();
  return found;
}

void chunkWorkers(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i)
    workers.emplace_back([] {
      unsigned long offset = 0;
      while (nextChunk(offset)) {
      }
    });
  for (auto &w : workers)
    w.join();
}
