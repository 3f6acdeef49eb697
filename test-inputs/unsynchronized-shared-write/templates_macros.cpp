// Templates (reported once however many instantiations), macros, members,
// nested lambdas, exceptions and early returns.
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

int score(int value);

// A template instantiated twice: one finding.
template <class T>
std::vector<T> copyAll(const std::vector<T> &in) {
  std::vector<T> out;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int w = 0; w < 2; ++w)
    workers.emplace_back([&, w] {
      for (size_t i = w; i < in.size(); i += 2)
        // EXPECT-WARNING@+1:9 unsynchronized call to 'push_back' on 'out' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        out.push_back(in[i]);
    });
  for (auto &worker : workers)
    worker.join();
  return out;
}
template std::vector<int> copyAll(const std::vector<int> &);
template std::vector<double> copyAll(const std::vector<double> &);

// near-miss: the template's slots are the workers' own.
template <class T, int N>
void squareAll(T (&values)[N]) {
  std::vector<std::thread> workers;
  for (int i = 0; i < N; ++i)
    workers.emplace_back([&values, i] { values[i] = values[i] * values[i]; });
  for (auto &worker : workers)
    worker.join();
}
template void squareAll(int (&)[4]);

// A macro that starts the workers.
#define START_WORKERS(count, body)                                             \
  for (int w = 0; w < (count); ++w)                                            \
    workers.emplace_back([&, w] { body; })
void macroWorkers() {
  int busy = 0;
  std::vector<std::thread> workers;
  // EXPECT-WARNING@+2:3 unsynchronized write to 'busy' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  START_WORKERS(3, busy = w);
  for (auto &worker : workers)
    worker.join();
}

// near-miss: a locking macro around the write.
#define LOCKED(m, stmt)                                                        \
  do {                                                                         \
    std::lock_guard<std::mutex> lockedGuard(m);                                \
    stmt;                                                                      \
  } while (0)
void macroLocked(const std::vector<int> &values) {
  std::mutex lock;
  long total = 0;
  std::vector<std::thread> workers;
  for (int value : values)
    workers.emplace_back([&, value] { LOCKED(lock, total += value); });
  for (auto &worker : workers)
    worker.join();
}

// Members reached through `this`: a member function launched twice.
class Index {
public:
  void build() {
    std::thread a(&Index::scan, this);
    // EXPECT-NOTE@+1:17 the same worker is launched again here, and both may run at the same time
    std::thread b(&Index::scan, this);
    a.join();
    b.join();
  }
  void buildLocked() {
    std::vector<std::thread> workers;
    for (int i = 0; i < 2; ++i)
      workers.emplace_back(&Index::scanLocked, this);
    for (auto &worker : workers)
      worker.join();
  }

private:
  // EXPECT-WARNING@+1:17 unsynchronized insertion into 'entries_' by operator[] in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  void scan() { entries_["key"] = score(1); }
  // near-miss: the class's own mutex is held.
  void scanLocked() {
    std::lock_guard<std::mutex> guard(mutex_);
    entries_["key"] = score(2);
  }
  std::mutex mutex_;
  std::map<std::string, int> entries_;
};

// near-miss: each worker runs on its own object.
struct Shard {
  long sum = 0;
  void run() { sum += score(3); }
};
void shards(std::vector<Shard> &all) {
  std::vector<std::thread> workers;
  for (Shard &shard : all)
    workers.emplace_back(&Shard::run, &shard);
  for (auto &worker : workers)
    worker.join();
}

// A lambda the worker runs itself.
long nested(const std::vector<int> &values) {
  long total = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int w = 0; w < 2; ++w)
    workers.emplace_back([&] {
      // EXPECT-WARNING@+1:35 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      auto add = [&](int value) { total += value; };
      for (int value : values)
        add(value);
    });
  for (auto &worker : workers)
    worker.join();
  return total;
}

// near-miss: the inner lambda is run under the lock.
long nestedLocked(const std::vector<int> &values) {
  std::mutex lock;
  long total = 0;
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; ++w)
    workers.emplace_back([&] {
      auto add = [&](int value) { total += value; };
      for (int value : values) {
        std::lock_guard<std::mutex> guard(lock);
        add(value);
      }
    });
  for (auto &worker : workers)
    worker.join();
  return total;
}

// near-miss: the inner lambda captures a copy.
void nestedCopy() {
  int count = 0;
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; ++w)
    workers.emplace_back([&] {
      auto bump = [count]() mutable { return ++count; };
      bump();
    });
  for (auto &worker : workers)
    worker.join();
}

// The write in a catch handler, without the lock.
void errors(const std::vector<std::string> &inputs) {
  int failures = 0;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (const std::string &input : inputs)
    workers.emplace_back([&failures, &input] {
      try {
        if (input.empty())
          throw std::invalid_argument("empty");
      } catch (const std::exception &) {
        // EXPECT-WARNING@+1:9 unsynchronized write to 'failures' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        ++failures;
      }
    });
  for (auto &worker : workers)
    worker.join();
}

// near-miss: the handler takes the lock.
void errorsLocked(const std::vector<std::string> &inputs) {
  std::mutex lock;
  int failures = 0;
  std::vector<std::thread> workers;
  for (const std::string &input : inputs)
    workers.emplace_back([&, input] {
      try {
        if (input.empty())
          throw std::invalid_argument("empty");
      } catch (const std::exception &) {
        std::lock_guard<std::mutex> guard(lock);
        ++failures;
      }
    });
  for (auto &worker : workers)
    worker.join();
}

// An early return skips the lock, not the write.
void earlyReturn(const std::vector<int> &values) {
  std::mutex lock;
  int found = -1;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    workers.emplace_back([&, value] {
      if (value < 0) {
        // EXPECT-WARNING@+1:9 unsynchronized write to 'found' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        found = value;
        return;
      }
      std::lock_guard<std::mutex> guard(lock);
      found = value;
    });
  for (auto &worker : workers)
    worker.join();
}

// A launch inside a lambda: the lambda is the launching thread.
void launchedFromLambda() {
  auto run = [] {
    int last = 0;
    std::vector<std::thread> workers;
    // EXPECT-NOTE@+1:5 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
    for (int w = 0; w < 2; ++w)
      // EXPECT-WARNING@+1:41 unsynchronized write to 'last' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      workers.emplace_back([&last, w] { last = w; });
    for (auto &worker : workers)
      worker.join();
    return last;
  };
  run();
}

// A static worker handed `this`: the object's members are shared.
class Crawler {
public:
  void crawl() {
    std::vector<std::thread> workers;
    // EXPECT-NOTE@+1:5 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
    for (int w = 0; w < 3; ++w)
      workers.emplace_back(visit, this);
    for (auto &worker : workers)
      worker.join();
  }

private:
  // EXPECT-WARNING@+1:38 unsynchronized write to 'pages_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  static void visit(Crawler *self) { self->pages_ += score(4); }
  long pages_ = 0;
};
