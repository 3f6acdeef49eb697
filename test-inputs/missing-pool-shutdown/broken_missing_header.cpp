// RUN-MODE: broken
// A header that does not exist: the pool type is unknown, nothing is reported.
#include <boost/asio/thread_pool_that_does_not_exist.hpp>

void process(int item);

void run() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(1); });
}

namespace myns {
struct Pool {
  explicit Pool(int);
  ~Pool();
  void submit(void (*task)());
};
} // namespace myns

void run2() {
  myns::Pool pool(2);
  pool.submit(nullptr);
}
