// Only queued work makes a pool's destruction dangerous: a pool used to
// obtain an executor and compare or query it, or for its services, abandons
// nothing; nor does one whose every task is awaited through its future.
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>
#include <future>

void process(int);
int compute(int);
void consume(const boost::asio::thread_pool &pool);

// near-miss: the executor is only compared (asio's own tests do this).
bool sameExecutor(boost::asio::thread_pool::executor_type other) {
  boost::asio::thread_pool pool(1);
  auto ex = pool.get_executor();
  return ex == other;
}

// near-miss: the pool's context is only queried.
bool runningInThisThread() {
  boost::asio::thread_pool pool(2);
  return pool.get_executor().running_in_this_thread();
}

// near-miss: a service is looked up, nothing is queued.
bool hasService() {
  boost::asio::thread_pool pool(1);
  return boost::asio::has_service<boost::asio::detail::scheduler>(pool);
}

// near-miss: passed by const reference to code that cannot queue through it.
void describeOnly() {
  boost::asio::thread_pool pool(2);
  consume(pool);
}

// near-miss: the only task is awaited through its future.
int awaitedThroughFuture(int n) {
  boost::asio::thread_pool pool(2);
  std::future<int> result =
      boost::asio::post(pool, boost::asio::use_future([n] { return compute(n); }));
  return result.get();
}

// near-miss: awaited in the same expression.
void awaitedAtOnce(int n) {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, boost::asio::use_future([n] { process(n); })).wait();
}

// Work queued through an executor held in a local is queued work.
void postedThroughExecutor(int n) {
  // EXPECT-WARNING@+1:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::thread_pool pool(2);
  auto ex = pool.get_executor();
  boost::asio::post(ex, [n] { process(n); });
// EXPECT-NOTE@+1:1 'pool' is destroyed here without join(); call pool.join() before this point
}

// Work queued on a strand made from the pool.
void postedThroughStrand(int n) {
  // EXPECT-WARNING@+1:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::thread_pool pool(2);
  auto strand = boost::asio::make_strand(pool);
  boost::asio::post(strand, [n] { process(n); });
// EXPECT-NOTE@+1:1 'pool' is destroyed here without join(); call pool.join() before this point
}

// One task awaited, another not: the other may be abandoned.
int oneAwaitedOneNot(int n) {
  // EXPECT-WARNING@+1:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::thread_pool pool(2);
  std::future<int> result =
      boost::asio::post(pool, boost::asio::use_future([n] { return compute(n); }));
  boost::asio::post(pool, [n] { process(n); });
  // EXPECT-NOTE@+1:3 'pool' is destroyed here without join(); call pool.join() before this point
  return result.get();
}

// A future that is never waited does not protect the task.
void futureNeverWaited(int n) {
  // EXPECT-WARNING@+1:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::thread_pool pool(2);
  std::future<int> result =
      boost::asio::post(pool, boost::asio::use_future([n] { return compute(n); }));
  (void)result.valid();
// EXPECT-NOTE@+1:1 'pool' is destroyed here without join(); call pool.join() before this point
}
