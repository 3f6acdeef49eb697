// RUN-STD: c++20
// Near misses of member workers (analysis/MemberWorkers): classes that start
// a worker on `this` and keep it in a member, used correctly. All silent.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <latch>
#include <mutex>
#include <thread>

// The reader takes the lock the worker writes under.
class LockedCounter {
public:
  void start() { worker_ = std::thread([this] { run(); }); }
  void stop() { worker_.join(); }
  long value() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return value_;
  }

private:
  void run() {
    for (int i = 0; i < 100; ++i) {
      std::lock_guard<std::mutex> lock(mutex_);
      ++value_;
    }
  }
  mutable std::mutex mutex_;
  long value_ = 0;
  std::thread worker_;
};

long pollLocked() {
  LockedCounter counter;
  counter.start();
  long seen = counter.value();
  counter.stop();
  return seen;
}

// The result is read only after stop() joined the worker.
class Summer {
public:
  void start() { worker_ = std::thread([this] { total_ = 42; }); }
  void stop() {
    if (worker_.joinable())
      worker_.join();
  }
  long total() const { return total_; }

private:
  long total_ = 0;
  std::thread worker_;
};

long sumAfterStop() {
  Summer summer;
  summer.start();
  summer.stop();
  return summer.total();
}

// The reader checks an atomic flag the worker publishes after writing.
class Publisher {
public:
  void start() {
    worker_ = std::thread([this] {
      result_ = 7;
      ready_.store(true, std::memory_order_release);
    });
  }
  void join() { worker_.join(); }
  int result() const {
    if (!ready_.load(std::memory_order_acquire))
      return -1;
    return result_;
  }

private:
  int result_ = 0;
  std::atomic<bool> ready_{false};
  std::thread worker_;
};

int pollPublisher() {
  Publisher publisher;
  publisher.start();
  int r = publisher.result();
  publisher.join();
  return r;
}

// The reader waits on a condition variable the worker signals.
class Loader {
public:
  void start() {
    worker_ = std::thread([this] {
      data_ = 3;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        loaded_ = true;
      }
      cv_.notify_all();
    });
  }
  void join() { worker_.join(); }
  void waitLoaded() {
    std::unique_lock<std::mutex> lock(mutex_);
    cv_.wait(lock, [this] { return loaded_; });
  }
  int data() const { return data_; }

private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool loaded_ = false;
  int data_ = 0;
  std::thread worker_;
};

int loadThenRead() {
  Loader loader;
  loader.start();
  loader.waitLoaded();
  int d = loader.data();
  loader.join();
  return d;
}

// The caller waits for a latch the worker counts down after its write.
class Warmup {
public:
  explicit Warmup(std::latch &done) : done_(done) {}
  void start() {
    worker_ = std::thread([this] {
      hits_ = 10;
      done_.count_down();
    });
  }
  void join() { worker_.join(); }
  int hits() const { return hits_; }

private:
  std::latch &done_;
  int hits_ = 0;
  std::thread worker_;
};

int warmThenRead() {
  std::latch done(1);
  Warmup warmup(done);
  warmup.start();
  done.wait();
  int h = warmup.hits();
  warmup.join();
  return h;
}

// The object is handed to code that may stop it before the read.
void shutDown(Summer &summer);

long handedOver() {
  Summer summer;
  summer.start();
  shutDown(summer);
  return summer.total();
}

// Started in one function, read in another: the caller's events are
// followed within one function only (documented limit).
Summer globalSummer;
void startGlobal() { globalSummer.start(); }
long readGlobal() { return globalSummer.total(); }

// A method defined in another translation unit may read under any lock.
class Remote {
public:
  void start() { worker_ = std::thread([this] { state_ = 1; }); }
  void join() { worker_.join(); }
  int state() const;

private:
  int state_ = 0;
  std::thread worker_;
};

int readRemote() {
  Remote remote;
  remote.start();
  int s = remote.state();
  remote.join();
  return s;
}

// The worker runs on a copy of the object, not on `this`.
class Snapshot {
public:
  void start() {
    worker_ = std::thread([copy = value_]() mutable { copy += 1; });
  }
  void join() { worker_.join(); }
  int value() const { return value_; }

private:
  int value_ = 0;
  std::thread worker_;
};

int readSnapshot() {
  Snapshot snapshot;
  snapshot.start();
  int v = snapshot.value();
  snapshot.join();
  return v;
}

// Workers writing through a reference member: under the bound object's
// own lock, or each to an object of its own, or read once joined.
struct Totals {
  std::mutex mutex;
  int files = 0;
};

class LockedFetcher {
public:
  explicit LockedFetcher(Totals &totals) : totals_(totals) {}
  void start() { thread_ = std::thread(&LockedFetcher::run, this); }
  void join() { thread_.join(); }

private:
  void run() {
    std::lock_guard<std::mutex> lock(totals_.mutex);
    ++totals_.files;
  }
  Totals &totals_;
  std::thread thread_;
};

int fetchLocked() {
  Totals totals;
  LockedFetcher first(totals), second(totals);
  first.start();
  second.start();
  int seen;
  {
    std::lock_guard<std::mutex> lock(totals.mutex);
    seen = totals.files;
  }
  first.join();
  second.join();
  return seen + totals.files;
}

class Fetcher {
public:
  explicit Fetcher(Totals &totals) : totals_(totals) {}
  void start() { thread_ = std::thread(&Fetcher::run, this); }
  void join() { thread_.join(); }

private:
  void run() { ++totals_.files; }
  Totals &totals_;
  std::thread thread_;
};

int fetchApart() {
  Totals mine, yours;
  Fetcher first(mine), second(yours);
  first.start();
  second.start();
  first.join();
  second.join();
  return mine.files + yours.files;
}

int fetchThenRead() {
  Totals totals;
  Fetcher only(totals);
  only.start();
  only.join();
  return totals.files;
}
