// Pools that are shut down on every path on which work was queued, or whose
// destruction loses nothing. All must stay silent.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstdlib>
#include <stdexcept>
#include <vector>

#include <unistd.h>

void process(int item);
bool valid(int item);

// near-miss: joined before the end of scope.
void joined() {
  boost::asio::thread_pool pool(4);
  boost::asio::post(pool, [] { process(1); });
  pool.join();
}

// near-miss: wait() is one of the default ShutdownMethods.
void waited() {
  boost::asio::thread_pool pool(4);
  boost::asio::post(pool, [] { process(1); });
  pool.wait();
}

// near-miss: joined on both branches.
void joinedOnBothBranches(bool fast) {
  boost::asio::thread_pool pool(4);
  boost::asio::post(pool, [] { process(1); });
  if (fast) {
    pool.join();
    return;
  }
  process(2);
  pool.join();
}

// near-miss: the early return comes before any work is queued.
void earlyReturnBeforePosting(const std::vector<int> &items) {
  boost::asio::thread_pool pool(4);
  if (items.empty())
    return;
  for (int item : items)
    boost::asio::post(pool, [item] { process(item); });
  pool.join();
}

// near-miss: the exception is caught inside the pool's scope, which then joins.
void caughtInside(int n) {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [n] { process(n); });
  try {
    if (n < 0)
      throw std::invalid_argument("negative");
  } catch (const std::invalid_argument &) {
    process(0);
  }
  pool.join();
}

// near-miss: stop() followed by join() is the documented way to cancel.
void stopThenJoin() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(1); });
  pool.stop();
  pool.join();
}

// near-miss: exit() and _exit() never run the pool's destructor (fork child).
void exitWithoutDestroying(int n) {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [n] { process(n); });
  if (n < 0)
    std::exit(1);
  if (fork() == 0)
    _exit(0);
  pool.join();
}

// near-miss: a pool that never gets work; its destructor loses nothing.
void neverUsed() {
  boost::asio::thread_pool idle(1);
}

// near-miss: a static pool lives until exit, not until the end of the function.
void staticPool() {
  static boost::asio::thread_pool shared(2);
  boost::asio::post(shared, [] { process(3); });
}

// near-miss: a join in every iteration of the loop that owns the pool.
void joinEveryIteration(const std::vector<std::vector<int>> &batches) {
  for (const auto &batch : batches) {
    boost::asio::thread_pool pool(2);
    for (int item : batch)
      boost::asio::post(pool, [item] { process(item); });
    pool.join();
  }
}

// near-miss: members are not locals; their owner decides when to join.
class Service {
public:
  void submit(int n) { boost::asio::post(pool_, [n] { process(n); }); }
  ~Service() { pool_.join(); }

private:
  boost::asio::thread_pool pool_{2};
};

// near-miss: the join is reached through a macro.
#define FINISH(p) (p).join()
void joinedThroughMacro() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(4); });
  FINISH(pool);
}
