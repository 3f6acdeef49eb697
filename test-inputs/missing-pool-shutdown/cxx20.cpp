// RUN-STD: c++20
// C++20: std::jthread producers, init-captures, template lambdas.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <thread>
#include <vector>

void process(int item);

// A jthread joins itself, not the pool it posts to.
void jthreadProducer(int n) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  {
    std::jthread producer([&pool, n] {
      for (int i = 0; i < n; ++i)
        boost::asio::post(pool, [i] { process(i); });
    });
  }
  if (n > 4)
    pool.join();
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point

void templateLambda(const std::vector<int> &items) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  auto submit = [&pool]<class T>(T item) {
    boost::asio::post(pool, [item] { process(static_cast<int>(item)); });
  };
  for (int item : items)
    submit(item);
  if (items.empty())
    throw 0; // EXPECT-NOTE:5 'pool' is destroyed here when the exception leaves its scope, without join(); call pool.join() before this point
  pool.join();
}

// near-miss: a jthread that joins the pool before the pool goes away.
void jthreadJoinsPool() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(1); });
  std::jthread closer([&pool] { pool.join(); });
}

// near-miss: an init-capture by reference is a second name for the pool.
void initCaptureAlias() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(2); });
  auto finish = [&p = pool] { p.join(); };
  finish();
}
