// RUN-MODE: broken
#include <boost/asio/thread_pool.hpp>
#include <thread>
#include <vector>
void work(int);
void broken() {
  boost::asio::thread_pool pool(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back(work, missing_argument);
  pool.join();
}
