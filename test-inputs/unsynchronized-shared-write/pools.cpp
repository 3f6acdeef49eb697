// Tasks queued on a thread pool run at the same time as each other and as
// the code that queued them, until the pool (or the task's future) is waited
// for. A strand, an io_context run elsewhere, or a pool of one worker runs
// its tasks one at a time.
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <string>
#include <vector>

namespace parlint {
class ThreadPool {
public:
  explicit ThreadPool(unsigned threads = 0);
  template <class F, class... Args>
  auto submit(F &&f, Args &&...args) -> std::future<decltype(f(args...))> {
    return {};
  }
  template <class F> void post(F &&f) {}
  void wait_idle();
};
} // namespace parlint

int score(int value);
void show(long value);

// Every posted task adds into one total.
long asioTotal(const std::vector<int> &values) {
  long total = 0;
  boost::asio::thread_pool pool(4);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    // EXPECT-WARNING@+1:47 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    boost::asio::post(pool, [&total, value] { total += score(value); });
  pool.join();
  return total;
}

// Posted through the pool's executor.
std::vector<std::string> asioNames(const std::vector<std::string> &files) {
  std::vector<std::string> names;
  boost::asio::thread_pool pool(2);
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (const std::string &file : files)
    // EXPECT-WARNING@+1:56 unsynchronized call to 'push_back' on 'names' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    boost::asio::post(pool.get_executor(), [&, file] { names.push_back(file); });
  pool.join();
  return names;
}

// parlint::ThreadPool::post in a loop.
long poolTotal(parlint::ThreadPool &pool, const std::vector<int> &values) {
  long total = 0;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int value : values)
    // EXPECT-WARNING@+1:28 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    pool.post([&, value] { total += value; });
  pool.wait_idle();
  return total;
}

// The parent reads before the pool is waited for.
long readsBeforeWait(parlint::ThreadPool &pool) {
  long total = 0;
  // EXPECT-WARNING@+1:19 unsynchronized write to 'total' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  pool.post([&] { total = score(1); });
  // EXPECT-NOTE@+1:8 the launching thread reads 'total' here while the worker may still be running
  show(total);
  pool.wait_idle();
  return total;
}

// Two submitted tasks write one variable.
int lastWins(parlint::ThreadPool &pool) {
  int last = 0;
  // EXPECT-WARNING@+2:30 unsynchronized write to 'last' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  // EXPECT-NOTE@+1:30 another worker writes 'last' here
  auto a = pool.submit([&] { last = 1; });
  // EXPECT-NOTE@+2:30 another worker writes 'last' here
  // EXPECT-WARNING@+1:30 unsynchronized write to 'last' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  auto b = pool.submit([&] { last = 2; });
  a.get();
  b.get();
  return last;
}

// near-miss: a strand runs its handlers one at a time.
long strandTotal(const std::vector<int> &values) {
  long total = 0;
  boost::asio::thread_pool pool(4);
  auto strand = boost::asio::make_strand(pool);
  for (int value : values)
    boost::asio::post(strand, [&total, value] { total += value; });
  pool.join();
  return total;
}

// near-miss: an io_context runs its handlers on the threads that call run().
long ioTotal(boost::asio::io_context &io, const std::vector<int> &values) {
  long total = 0;
  for (int value : values)
    boost::asio::post(io, [&total, value] { total += value; });
  io.run();
  return total;
}

// near-miss: a pool of one worker.
long oneWorker(const std::vector<int> &values) {
  long total = 0;
  parlint::ThreadPool pool(1);
  for (int value : values)
    pool.post([&total, value] { total += value; });
  pool.wait_idle();
  return total;
}

// near-miss: the parent reads after the pool is waited for.
long readsAfterWait(parlint::ThreadPool &pool) {
  long total = 0;
  pool.post([&] { total = score(1); });
  pool.wait_idle();
  show(total);
  return total;
}

// near-miss: the task's own future is waited for before the read.
long readsAfterGet(parlint::ThreadPool &pool) {
  long value = 0;
  auto done = pool.submit([&] { value = score(2); });
  done.get();
  return value;
}

// near-miss: tasks write slots of their own.
std::vector<long> slots(parlint::ThreadPool &pool, const std::vector<int> &values) {
  std::vector<long> out(values.size());
  for (size_t i = 0; i < values.size(); ++i)
    pool.post([&out, &values, i] { out[i] = score(values[i]); });
  pool.wait_idle();
  return out;
}
