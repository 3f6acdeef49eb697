// RUN-MODE: broken
// Invalid code around pools: no parlint diagnostic, no crash.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

void process(int item);

void misspelledJoin() {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(1); });
  pool.joni();
}

void missingSemicolon() {
  boost::asio::thread_pool pool(2)
  boost::asio::post(pool, [] { process(2); });
}

void undeclaredType() {
  boost::asio::thread_pol pool(2);
  boost::asio::post(pool, [] { process(3); });
}

void badNew() {
  auto *p = new boost::asio::thread_pool("four");
  boost::asio::post(*p, [] { process(4); });
}

void unbalanced( {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [] { process(5); });
