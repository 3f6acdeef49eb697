// Mirrors: boostorg/asio example/cpp14/parallel_group/parallel_sort.cpp:108
// (work posted on the pool's executor through an async operation completed
// with use_future, then .get()) and the direct form post(pool, use_future(f)).wait().
// Every queued item is finished when its future is ready: parlint must stay silent.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <future>
#include <vector>

int compute(int);

// near-miss: the only queued item is awaited through its future.
int awaitedWithGet() {
  boost::asio::thread_pool pool(4);
  std::future<int> f =
      boost::asio::post(pool, boost::asio::use_future([] { return compute(1); }));
  return f.get();
}

// near-miss: wait() instead of get(), on the executor obtained from the pool.
void awaitedWithWait() {
  boost::asio::thread_pool pool(2);
  auto f = boost::asio::post(pool.get_executor(),
                             boost::asio::use_future([] { compute(2); }));
  f.wait();
}

// near-miss: one future per queued item, all waited.
int allAwaited(const std::vector<int> &items) {
  boost::asio::thread_pool pool(4);
  std::vector<std::future<int>> results;
  for (int item : items)
    results.push_back(boost::asio::post(
        pool, boost::asio::use_future([item] { return compute(item); })));
  int sum = 0;
  for (auto &r : results)
    sum += r.get();
  return sum;
}

// Positive counterpart: one item awaited, another posted without a future.
void work();
int oneNotAwaited() {
  // EXPECT-WARNING@+1:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::thread_pool pool(2); // a warning is expected here
  boost::asio::post(pool, [] { work(); });
  auto f = boost::asio::post(pool, boost::asio::use_future([] { return compute(3); }));
  // EXPECT-NOTE@+1:3 'pool' is destroyed here without join(); call pool.join() before this point
  return f.get();
}
