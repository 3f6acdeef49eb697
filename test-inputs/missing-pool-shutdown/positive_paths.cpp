// Paths on which work was queued and the pool is destroyed before any
// shutdown: a join on one branch, early exits, exceptions. The fix-it stays
// off (several ways out, or a join elsewhere that a second call would repeat);
// the notes say where to add the join.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <stdexcept>
#include <string>
#include <vector>

void process(int item);
bool valid(int item);

void joinOnOneBranch(bool wait) {
  boost::asio::thread_pool pool(4); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::post(pool, [] { process(1); });
  if (wait)
    pool.join();
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point

int earlyReturn(const std::vector<int> &items) {
  boost::asio::thread_pool pool(4); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  for (int item : items) {
    if (!valid(item))
      return -1; // EXPECT-NOTE:7 'pool' is destroyed here without join(); call pool.join() before this point
    boost::asio::post(pool, [item] { process(item); });
  }
  pool.join();
  return 0;
}

void throwsOut(const std::vector<int> &items) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  for (int item : items) {
    boost::asio::post(pool, [item] { process(item); });
    if (item < 0)
      throw std::invalid_argument("negative item"); // EXPECT-NOTE:7 'pool' is destroyed here when the exception leaves its scope, without join(); call pool.join() before this point
  }
  pool.join();
}

// A handler outside the pool's scope does not keep the pool alive.
void caughtOutside(int n) {
  try {
    boost::asio::thread_pool pool(2); // EXPECT-WARNING:30 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
    boost::asio::post(pool, [n] { process(n); });
    if (n > 10)
      throw std::runtime_error("too many"); // EXPECT-NOTE:7 'pool' is destroyed here when the exception leaves its scope, without join(); call pool.join() before this point
    pool.join();
  } catch (const std::exception &) {
  }
}

void breakOut(const std::vector<std::vector<int>> &batches) {
  for (const auto &batch : batches) {
    boost::asio::thread_pool pool(2); // EXPECT-WARNING:30 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
    if (batch.empty())
      continue; // nothing queued yet: destroying the pool loses nothing
    for (int item : batch)
      boost::asio::post(pool, [item] { process(item); });
    if (batch.front() < 0)
      break; // EXPECT-NOTE:7 'pool' is destroyed here without join(); call pool.join() before this point
    pool.join();
  }
}

// The pool is queued before the label; the goto leaves its scope.
void gotoOut(int n) {
  {
    boost::asio::thread_pool pool(2); // EXPECT-WARNING:30 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
    boost::asio::post(pool, [n] { process(n); });
    if (n == 0)
      goto done; // EXPECT-NOTE:7 'pool' is destroyed here without join(); call pool.join() before this point
    pool.join();
  }
done:
  process(-1);
}

// Several exits of one kind (two returns) get one note: the first.
std::string classify(int n) {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::post(pool, [n] { process(n); });
  switch (n) {
  case 0:
    return "zero"; // EXPECT-NOTE:5 'pool' is destroyed here without join(); call pool.join() before this point
  case 1:
    pool.join();
    return "one";
  default:
    break;
  }
  return "many";
}

// Passing the pool by const reference cannot shut it down.
void describe(const boost::asio::thread_pool &pool);
void constRefIsNotAShutdown() {
  boost::asio::thread_pool pool(2); // EXPECT-WARNING:28 'pool' (boost::asio::thread_pool) may be destroyed without join(); its destructor abandons queued work — call pool.join() before it goes out of scope
  boost::asio::post(pool, [] { process(0); });
  describe(pool);
  if (valid(0))
    pool.wait();
} // EXPECT-NOTE:1 'pool' is destroyed here without join(); call pool.join() before this point
