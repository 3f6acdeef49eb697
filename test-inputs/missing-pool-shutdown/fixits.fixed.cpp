// Pools whose scope has one way out and no shutdown anywhere: the check
// inserts the join before the closing brace.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <vector>

void process(int item);

void postAndForget() {
  boost::asio::thread_pool pool(4); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  for (int i = 0; i < 8; ++i)
    boost::asio::post(pool, [i] { process(i); });
  pool.join();
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point

// stop() is not a shutdown that finishes work: it abandons queued handlers.
void stopIsNotJoin() {
  boost::asio::thread_pool workers(2); // EXPECT-WARNING:28 'workers' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call workers.join() before it goes out of scope
  boost::asio::post(workers, [] { process(1); });
  workers.stop();
  workers.join();
} // EXPECT-NOTE:1 'workers' is destroyed here without join(); call workers.join() before this point

void perBatch(const std::vector<std::vector<int>> &batches) {
  for (const auto &batch : batches) {
    boost::asio::thread_pool pool(2); // EXPECT-WARNING:30 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
    for (int item : batch)
      boost::asio::post(pool, [item] { process(item); });
    pool.join();
  } // EXPECT-NOTE:3 'pool' is destroyed here without join(); call pool.join() before this point
}

void oneLiner() {
  { boost::asio::thread_pool p(1); boost::asio::post(p, [] { process(0); }); p.join(); } // EXPECT-WARNING:30 'p' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call p.join() before it goes out of scope
} // EXPECT-NOTE@-1:78 'p' is destroyed here without join(); call p.join() before this point

class Indexer {
public:
  void rebuild(const std::vector<int> &ids) {
    boost::asio::thread_pool pool(3); // EXPECT-WARNING:30 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
    for (int id : ids)
      boost::asio::post(pool, [this, id] { index(id); });
    pool.join();
  } // EXPECT-NOTE:3 'pool' is destroyed here without join(); call pool.join() before this point

private:
  void index(int id) { process(id); }
};

// A pool local to a lambda's body.
auto makeJob() {
  return [](int n) {
    boost::asio::thread_pool inner(2); // EXPECT-WARNING:30 'inner' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call inner.join() before it goes out of scope
    for (int i = 0; i < n; ++i)
      boost::asio::post(inner.get_executor(), [i] { process(i); });
    inner.join();
  }; // EXPECT-NOTE:3 'inner' is destroyed here without join(); call inner.join() before this point
}

// A return that is the block's last statement is its one way out: the join
// goes before it, so the returned total also includes every task.
long sumAll(const std::vector<int> &items) {
  std::atomic<long> total{0};
  boost::asio::thread_pool pool(4); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  for (int item : items)
    boost::asio::post(pool, [&total, item] { total += item; });
  pool.join();
  return total.load(); // EXPECT-NOTE:3 'pool' is destroyed here without join(); call pool.join() before this point
}
