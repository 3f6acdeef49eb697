// Pools handed to code the check cannot see through: that code may join them,
// so the check stays silent (precision over volume).
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <functional>
#include <future>
#include <thread>

#include <pthread.h>

void process(int item);

// near-miss: passed by non-const reference to a function that may join it.
void drain(boost::asio::thread_pool &pool);
void passedByReference() {
  boost::asio::thread_pool pool(4);
  boost::asio::post(pool, [] { process(1); });
  drain(pool);
}

// near-miss: its address escapes.
void drainPointer(boost::asio::thread_pool *pool);
void passedByPointer() {
  boost::asio::thread_pool pool(4);
  boost::asio::post(pool, [] { process(1); });
  drainPointer(&pool);
}

// near-miss: a non-const alias through which it is joined.
void joinedThroughAlias() {
  boost::asio::thread_pool pool(2);
  auto &alias = pool;
  boost::asio::post(alias, [] { process(2); });
  alias.join();
}

// near-miss: an object keeps a reference to the pool and may join it.
class Batch {
public:
  explicit Batch(boost::asio::thread_pool &pool) : pool_(pool) {}
  ~Batch() { pool_.join(); }

private:
  boost::asio::thread_pool &pool_;
};
void keptByAnObject() {
  boost::asio::thread_pool pool(2);
  Batch batch(pool);
  boost::asio::post(pool, [] { process(3); });
}

// near-miss: a lambda joins it; when it runs is not known to the check.
void joinedInLambda() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(4); });
  auto finish = [&pool] { pool.join(); };
  finish();
}

// near-miss: a std::thread joins it.
void joinedByThread() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(5); });
  std::thread closer([&] { pool.join(); });
  closer.join();
}

// near-miss: std::ref hands it to a std::async task.
void finishPool(boost::asio::thread_pool &pool) { pool.join(); }
void joinedByAsync() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(6); });
  auto done = std::async(std::launch::async, finishPool, std::ref(pool));
  done.wait();
}

// near-miss: pthread_create receives its address.
void *joinPool(void *arg) {
  static_cast<boost::asio::thread_pool *>(arg)->join();
  return nullptr;
}
void joinedByPthread() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(7); });
  pthread_t closer;
  pthread_create(&closer, nullptr, joinPool, &pool);
  pthread_join(closer, nullptr);
}

// near-miss: a reference or pointer parameter is the caller's pool.
void postTo(boost::asio::thread_pool &pool) {
  boost::asio::post(pool, [] { process(8); });
}
