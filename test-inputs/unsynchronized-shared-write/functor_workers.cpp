// Workers given as functor objects: each thread runs a copy's operator(),
// whose reference member is bound by the constructor to one object of the
// launching function, so every copy reaches the same logger. The launching
// thread clears the logger's prefix while they read it. Near misses: a
// functor whose members are all values of its own (the copy is private),
// and the prefix changed only after the joins.
#include <string>
#include <thread>
#include <vector>

class Logger {
public:
  // EXPECT-WARNING@+1:24 unsynchronized call to 'clear' on 'logger.prefix_' while a worker started earlier may be reading it; guard every access with one mutex
  void drop_prefix() { prefix_.clear(); }
  std::size_t line_length(int n) const { return prefix_.size() + static_cast<std::size_t>(n); }

private:
  std::string prefix_ = "[node] ";
};

class RequestWorker {
public:
  RequestWorker(int id, Logger &log) : id_(id), log_(log) {}
  void operator()() {
    for (int r = 0; r < 100; ++r)
      // EXPECT-NOTE@+1:17 the worker reads 'logger.prefix_' through this call of 'Logger::line_length'
      total_ += log_.line_length(id_ + r);
  }

private:
  int id_;
  Logger &log_;
  std::size_t total_ = 0;
};

class Counter {
public:
  explicit Counter(int n) : n_(n) {}
  void operator()() {
    for (int i = 0; i < n_; ++i)
      sum_ += i;
  }

private:
  int n_;
  long sum_ = 0;
};

void serve(bool compact) {
  Logger logger;
  std::vector<std::thread> pool;
  for (int i = 0; i < 3; ++i)
    // EXPECT-NOTE@+1:5 the worker is started here
    pool.emplace_back(RequestWorker(i, logger));
  if (compact)
    // EXPECT-NOTE@+1:5 the launching thread makes the write through this call of 'Logger::drop_prefix'
    logger.drop_prefix();
  for (auto &t : pool)
    t.join();
}

void serve_then_compact() {
  Logger logger;
  std::vector<std::thread> pool;
  for (int i = 0; i < 3; ++i)
    pool.emplace_back(RequestWorker(i, logger));
  for (auto &t : pool)
    t.join();
  logger.drop_prefix();
}

void count_all() {
  std::vector<std::thread> pool;
  for (int i = 0; i < 3; ++i)
    pool.emplace_back(Counter(100 * i));
  for (auto &t : pool)
    t.join();
}
