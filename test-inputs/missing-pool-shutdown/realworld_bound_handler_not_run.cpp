// Mirrors: boostorg/asio test/any_completion_handler.cpp:177 (missing-pool-shutdown):
// a handler is bound to the pool's executor (bind_executor) and its associated
// executor is compared with the pool's, but the handler is never invoked,
// posted or dispatched: nothing is queued. parlint must stay silent.
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cassert>

void increment(int *count) { ++*count; }

// near-miss: the bound handler is inspected, never run.
void boundButNeverRun() {
  int count = 0;
  boost::asio::thread_pool pool(1);
  auto handler = boost::asio::bind_executor(pool.get_executor(),
                                            [&count] { increment(&count); });
  auto ex = boost::asio::get_associated_executor(handler);
  assert(ex == pool.get_executor());
  assert(count == 0);
}
