// RUN-STD: c++20
// Workers a class starts on `this` and keeps in a member (a thread started
// in the constructor or in start(), a jthread, a std::async future): their
// writes race with the object's other methods when code elsewhere calls
// those while the worker may still run (analysis/MemberWorkers).
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

// A thread started in the constructor, joined in the destructor; the
// summary is read while it runs.
class Tally {
public:
  // EXPECT-NOTE@+2:13 the worker is started here and kept in 'worker_'
  // EXPECT-NOTE@+1:30 the worker makes the write through this call of 'run'
  Tally() : worker_([this] { run(); }) {}
  ~Tally() {
    stop_ = true;
    worker_.join();
  }
  long errors() const { return errors_; }

private:
  void run() {
    while (!stop_)
      count("ERROR");
  }
  void count(const std::string &line) {
    if (line.rfind("ERROR", 0) == 0)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'errors_' in a worker that runs while other code calls its object's methods; make it std::atomic, guard every access with one mutex, or publish the value once the worker has finished
      ++errors_;
  }
  std::atomic<bool> stop_{false};
  long errors_ = 0;
  std::thread worker_;
};

void printTally() {
  Tally tally;
  for (int i = 0; i < 3; ++i)
    // EXPECT-NOTE@+1:26 'errors' reads 'errors_' here while the object's worker may still be running
    std::printf("%ld\n", tally.errors());
}

// A jthread started by start(); progress is polled before wait().
class Exporter {
public:
  void start() {
    // EXPECT-NOTE@+2:15 the worker is started here and kept in 'worker_'
    // EXPECT-NOTE@+1:37 the worker makes the write through this call of 'exportRows'
    worker_ = std::jthread([this] { exportRows(); });
  }
  void wait() { worker_.join(); }
  int percent() const { return static_cast<int>(done_ * 100 / 500); }
  unsigned long checksum() const { return checksum_; }

private:
  void exportRows() {
    for (unsigned long r = 0; r < 500; ++r) {
      checksum_ += r;
      // EXPECT-WARNING@+1:7 unsynchronized write to 'done_' in a worker that runs while other code calls its object's methods; make it std::atomic, guard every access with one mutex, or publish the value once the worker has finished
      done_ = r + 1;
    }
  }
  unsigned long done_ = 0;
  unsigned long checksum_ = 0;
  std::jthread worker_;
};

unsigned long exportAll() {
  Exporter exporter;
  exporter.start();
  // EXPECT-NOTE@+1:10 'percent' reads 'done_' here while the object's worker may still be running
  while (exporter.percent() < 100)
    std::this_thread::yield();
  exporter.wait();
  // near-miss: the checksum is read after wait() joined the worker.
  return exporter.checksum();
}

// A std::async task kept in a future member; the count is read from
// threads started while the task runs, under a lock the task does not
// take for that write.
class Index {
public:
  void load(std::vector<std::string> docs) {
    // EXPECT-NOTE@+1:16 the worker is started here and kept in 'pending_'
    pending_ = std::async(std::launch::async,
                          // EXPECT-NOTE@+1:60 the worker makes the write through this call of 'build'
                          [this, docs = std::move(docs)] { build(docs); });
  }
  void wait() { pending_.get(); }
  std::size_t size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

private:
  void build(const std::vector<std::string> &docs) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'count_' in a worker that runs while other code calls its object's methods; make it std::atomic, guard every access with one mutex, or publish the value once the worker has finished
    count_ = docs.size();
  }
  mutable std::mutex mutex_;
  std::size_t count_ = 0;
  std::future<void> pending_;
};

void serveIndex(int clients) {
  Index index;
  index.load({"a", "b"});
  std::vector<std::thread> readers;
  for (int r = 0; r < clients; ++r)
    // EXPECT-NOTE@+2:5 that call runs on the thread started here
    // EXPECT-NOTE@+1:58 'size' reads 'count_' here while the object's worker may still be running
    readers.emplace_back([&index] { std::printf("%zu\n", index.size()); });
  for (std::thread &t : readers)
    t.join();
  index.wait();
}

// Workers that write through a reference member the constructor binds to
// an object of the code that creates them: the creator's own reads, and the
// worker of another object bound to the same one, meet the write.
struct Totals {
  std::mutex mutex;
  long bytes = 0;
  int files = 0;
};

class Fetcher {
public:
  Fetcher(int count, Totals &totals) : count_(count), totals_(totals) {}
  // EXPECT-NOTE@+1:28 the worker is started here and kept in 'thread_'
  void start() { thread_ = std::thread(&Fetcher::run, this); }
  void join() { thread_.join(); }

private:
  void run() {
    for (int i = 0; i < count_; ++i) {
      std::lock_guard<std::mutex> lock(totals_.mutex);
      totals_.bytes += 1024;
    }
    // EXPECT-WARNING@+1:5 unsynchronized write to 'totals_.files' in a worker that runs while another object's worker writes the object 'totals_' refers to; make it std::atomic, guard every access with one mutex, or give each worker its own and combine them once all have finished
    totals_.files += count_;
  }
  int count_;
  Totals &totals_;
  std::thread thread_;
};

int fetchBoth() {
  Totals totals;
  Fetcher first(3, totals), second(4, totals);
  first.start();
  // EXPECT-NOTE@+1:3 another object bound to the same object starts its worker here, and both may run at the same time
  second.start();
  first.join();
  second.join();
  return totals.files;
}
