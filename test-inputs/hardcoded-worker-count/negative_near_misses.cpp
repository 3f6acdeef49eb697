// Worker counts that are configured or derived from the machine, and literals
// that are not worker counts: all silent. (Counts named by a macro, a constant
// or a local set to a literal are literals too: see named_counts.cpp.)
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
#include <cstddef>
#include <future>
#include <thread>
#include <vector>

#include <pthread.h>
#include <unistd.h>

namespace parlint {
class ThreadPool {
public:
  ThreadPool();
  explicit ThreadPool(std::size_t threads);
  ~ThreadPool();
  template <class F> void post(F f) { f(); }
  void wait_idle();
};
} // namespace parlint

void work(int);
void task();
void *entry(void *);

void oneBackgroundThread() {
  // near-miss: one background thread is a design, not a count
  std::vector<std::thread> threads;
  for (int i = 0; i < 1; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void onePool() {
  // near-miss: a pool of one worker is a serial executor
  boost::asio::thread_pool strand(1);
  boost::asio::post(strand, task);
  strand.join();
}

struct Settings {
  unsigned workers = 4;
};
void settingsField(const Settings &settings) {
  // near-miss: a settings field is configuration
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < settings.workers; ++i)
    threads.emplace_back(work, static_cast<int>(i));
  for (auto &t : threads)
    t.join();
  // near-miss: the pool takes the same field
  boost::asio::thread_pool pool(settings.workers);
  pool.join();
}

void parameter(int count) {
  // near-miss: a parameter is configuration
  std::vector<std::thread> threads;
  for (int i = 0; i < count; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void hardware() {
  // near-miss: derived from hardware_concurrency, at least 2
  const unsigned n = std::max(2u, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < n; ++i)
    threads.emplace_back(work, static_cast<int>(i));
  for (auto &t : threads)
    t.join();
  // near-miss: the literal 2 is a floor inside the derivation, not the count
  parlint::ThreadPool pool(std::max(2u, std::thread::hardware_concurrency()));
  pool.wait_idle();
}

void fromSysconf() {
  // near-miss: derived from sysconf
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  std::vector<pthread_t> ids(cpus > 0 ? cpus : 1);
  for (long i = 0; i < cpus; ++i)
    pthread_create(&ids[i], nullptr, entry, nullptr);
  for (auto id : ids)
    pthread_join(id, nullptr);
}

void postsToPool(parlint::ThreadPool &pool) {
  // near-miss: the loop only posts work to a pool; the pool owns the count
  for (int i = 0; i < 8; ++i)
    pool.post([i] { work(i); });
  boost::asio::thread_pool asio(std::thread::hardware_concurrency());
  for (int i = 0; i < 100; ++i)
    boost::asio::post(asio, [i] { work(i); });
  asio.join();
}

void loopInsideWorker() {
  // near-miss: the loops run inside the worker; they are its work
  std::thread worker([] {
    for (int i = 0; i < 8; ++i)
      work(i);
    std::vector<std::thread> helpers;
    for (int i = 0; i < 2; ++i)
      helpers.emplace_back(work, i);
    for (auto &h : helpers)
      h.join();
  });
  worker.join();
}

void retries() {
  // near-miss: a retry loop stops at the first success; 3 is a retry count
  pthread_t id;
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (pthread_create(&id, nullptr, entry, nullptr) == 0)
      break;
  }
}

void oneAtATime() {
  // near-miss: each iteration waits for its worker: 5 rounds, one worker
  for (int round = 0; round < 5; ++round) {
    std::thread t(work, round);
    t.join();
  }
  // near-miss: a std::async future destroyed in the iteration waits
  for (int round = 0; round < 5; ++round)
    std::async(std::launch::async, work, round).get();
}

void chunkSizes(const std::vector<int> &items, int workers) {
  // near-miss: 4096 is a chunk size and 64 a stride, not worker counts
  std::vector<std::thread> threads;
  for (int w = 0; w < workers; ++w)
    threads.emplace_back(work, 4096);
  for (std::size_t i = 0; i < items.size(); i += 64)
    work(items[i]);
  for (auto &t : threads)
    t.join();
}

void deferredTasks() {
  // near-miss: launch::deferred starts no thread
  std::vector<std::future<void>> results;
  for (int i = 0; i < 8; ++i)
    results.push_back(std::async(std::launch::deferred, work, i));
  for (auto &r : results)
    r.get();
}

void serialLoop() {
  // near-miss: a literal bound on a loop that starts nothing
  for (int i = 0; i < 8; ++i)
    work(i);
}

void defaultPool() {
  // near-miss: the default constructor sizes the pool from the machine
  parlint::ThreadPool pool;
  pool.wait_idle();
}

class NotAPool {
public:
  explicit NotAPool(int capacity);
};
void notAPool() {
  // near-miss: the class is not a pool type
  NotAPool queue(1024);
}
