// Pools created with new: reported when never deleted nor stored, or deleted
// without a join; silent when ownership goes anywhere else.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <memory>

void process(int item);

void discarded() {
  new boost::asio::thread_pool(4); // EXPECT-WARNING:3 boost::asio::thread_pool created with new is never deleted or stored, so its threads are never joined — make it a local object and call join() before it goes out of scope
}

void neverDeleted(int n) {
  auto *pool = new boost::asio::thread_pool(2); // EXPECT-WARNING:16 boost::asio::thread_pool created with new is never deleted or stored, so its threads are never joined — make it a local object and call join() before it goes out of scope
  for (int i = 0; i < n; ++i)
    boost::asio::post(*pool, [i] { process(i); });
}

void deletedWithoutJoin(int n) {
  boost::asio::thread_pool *pool = new boost::asio::thread_pool(2); // EXPECT-WARNING:36 'pool' (boost::asio::thread_pool) may be deleted without join(); its destructor abandons queued work — call pool->join() before deleting it
  boost::asio::post(*pool, [n] { process(n); });
  if (n > 1)
    pool->join();
  delete pool; // EXPECT-NOTE:3 'pool' is deleted here without join(); call pool->join() before this point
}

// near-miss: joined, then deleted.
void joinedThenDeleted(int n) {
  auto *pool = new boost::asio::thread_pool(2);
  boost::asio::post(*pool, [n] { process(n); });
  pool->join();
  delete pool;
}

// near-miss: owned by a smart pointer (whose owner must still join; the
// pointer itself is not a local pool variable).
void ownedBySmartPointer() {
  std::unique_ptr<boost::asio::thread_pool> pool(new boost::asio::thread_pool(2));
  boost::asio::post(*pool, [] { process(1); });
  pool->join();
}

// near-miss: returned to the caller.
boost::asio::thread_pool *makePool() { return new boost::asio::thread_pool(2); }

// near-miss: stored in a member.
class Owner {
public:
  void start() { pool_ = new boost::asio::thread_pool(2); }
  ~Owner() {
    pool_->join();
    delete pool_;
  }

private:
  boost::asio::thread_pool *pool_ = nullptr;
};

// near-miss: handed to a function that takes ownership.
void adopt(boost::asio::thread_pool *pool);
void handedOver() {
  auto *pool = new boost::asio::thread_pool(2);
  boost::asio::post(*pool, [] { process(2); });
  adopt(pool);
}

// near-miss: stored in a global.
boost::asio::thread_pool *globalPool;
void storedGlobally() {
  auto *pool = new boost::asio::thread_pool(2);
  globalPool = pool;
}

// near-miss: deleted before any work is queued.
void deletedIdle() {
  auto *pool = new boost::asio::thread_pool(2);
  delete pool;
}
