// Work queued from lambdas, threads and async tasks still needs a join: these
// uses only queue work, so the pool's destruction without join is reported.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <future>
#include <thread>
#include <vector>

void process(int item);

void submitThroughLambda(const std::vector<int> &items) {
  boost::asio::thread_pool pool(4); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  auto submit = [&pool](int item) {
    boost::asio::post(pool, [item] { process(item); });
  };
  for (int item : items)
    submit(item);
  if (items.size() > 100)
    return; // EXPECT-NOTE:5 'pool' is destroyed here without join(); call pool.join() before this point
  pool.join();
}

void submitFromAsync(int n) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  auto producer = std::async(std::launch::async, [&] {
    for (int i = 0; i < n; ++i)
      boost::asio::post(pool, [i] { process(i); });
  });
  producer.wait();
  if (n > 0)
    pool.join();
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point

void submitFromThreads(int n) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  std::vector<std::thread> producers;
  for (int t = 0; t < 2; ++t)
    producers.emplace_back([&pool, t] {
      // Nested lambdas: the inner one only runs on the pool.
      boost::asio::post(pool, [t] { process(t); });
    });
  for (auto &producer : producers)
    producer.join();
  if (n == 0)
    throw n; // EXPECT-NOTE:5 'pool' is destroyed here when the exception leaves its scope, without join(); call pool.join() before this point
  pool.join();
}

// The executor is the pool's: posting through it queues work on the pool.
void submitThroughExecutor(bool ok) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  auto executor = pool.get_executor();
  boost::asio::post(executor, [] { process(0); });
  if (!ok)
    return; // EXPECT-NOTE:5 'pool' is destroyed here without join(); call pool.join() before this point
  pool.join();
}
