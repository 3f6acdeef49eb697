// Pool constructors given a literal number of workers: reported at the
// argument. parlint's pools are declared here the way runtime/include
// declares them.
#include <parlint/worker_count.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <memory>

namespace parlint {
class ThreadPool {
public:
  ThreadPool();
  explicit ThreadPool(std::size_t threads);
  ~ThreadPool();
  template <class F> void post(F f) { f(); }
  void wait_idle();
};
class ProcessPool {
public:
  ProcessPool();
  explicit ProcessPool(std::size_t workers);
  ~ProcessPool();
};
} // namespace parlint

void task();

void asioPool() {
  boost::asio::thread_pool pool(parlint::default_worker_count()); // EXPECT-WARNING:33 hardcoded worker count: boost::asio::thread_pool is constructed with 4 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  boost::asio::post(pool, task);
  pool.join();
}

void asioPoolBraces() {
  boost::asio::thread_pool pool{parlint::default_worker_count()}; // EXPECT-WARNING:33 hardcoded worker count: boost::asio::thread_pool is constructed with 6 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  boost::asio::post(pool, task);
  pool.join();
}

void parlintPool() {
  parlint::ThreadPool pool(parlint::default_worker_count()); // EXPECT-WARNING:28 hardcoded worker count: parlint::ThreadPool is constructed with 8 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  pool.post(task);
  pool.wait_idle();
}

void processPool() {
  parlint::ProcessPool workers(parlint::default_worker_count()); // EXPECT-WARNING:32 hardcoded worker count: parlint::ProcessPool is constructed with 3 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
}

void heapPool() {
  auto *pool = new boost::asio::thread_pool(parlint::default_worker_count()); // EXPECT-WARNING:45 hardcoded worker count: boost::asio::thread_pool is constructed with 16 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  pool->join();
  delete pool;
}

void uniquePool() {
  auto pool = std::make_unique<parlint::ThreadPool>(parlint::default_worker_count()); // EXPECT-WARNING:53 hardcoded worker count: parlint::ThreadPool is constructed with 12 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  pool->wait_idle();
}

class Indexer {
public:
  Indexer() : pool_(parlint::default_worker_count()) {} // EXPECT-WARNING:21 hardcoded worker count: boost::asio::thread_pool is constructed with 4 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  ~Indexer() { pool_.join(); }

private:
  boost::asio::thread_pool pool_;
};

class Scheduler {
public:
  void run();

private:
  parlint::ThreadPool workers_{parlint::default_worker_count()}; // EXPECT-WARNING:32 hardcoded worker count: parlint::ThreadPool is constructed with 10 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
};
void Scheduler::run() { workers_.wait_idle(); }

template <typename T> void withPool(T value) {
  parlint::ThreadPool pool(parlint::default_worker_count()); // EXPECT-WARNING:28 hardcoded worker count: parlint::ThreadPool is constructed with 2 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  pool.post([value] { (void)value; });
  pool.wait_idle();
}
template void withPool<int>(int);
template void withPool<double>(double);

// A literal handed to a macro that constructs the pool: reported at the
// literal, no fix-it inside a macro.
#define MAKE_POOL(name, count) boost::asio::thread_pool name(count)
void macroPool() {
  MAKE_POOL(pool, 5); // EXPECT-WARNING:19 hardcoded worker count: boost::asio::thread_pool is constructed with 5 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  pool.join();
}
