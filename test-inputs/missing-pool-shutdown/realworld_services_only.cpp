// Mirrors: boostorg/asio test/thread_pool.cpp:194 (missing-pool-shutdown):
// a pool used only as an execution context for has_service / use_service.
// Nothing is queued: parlint must stay silent.
#include <boost/asio/execution_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cassert>

class counter_service : public boost::asio::execution_context::service {
public:
  using key_type = counter_service;
  static boost::asio::execution_context::id id;
  explicit counter_service(boost::asio::execution_context &ctx)
      : boost::asio::execution_context::service(ctx) {}
  int value() const { return 42; }

private:
  void shutdown() override {}
};
boost::asio::execution_context::id counter_service::id;

// near-miss: the pool is only asked about its services.
void servicesOnly() {
  boost::asio::thread_pool pool(1);
  assert(!boost::asio::has_service<counter_service>(pool));
  assert(boost::asio::use_service<counter_service>(pool).value() == 42);
  assert(boost::asio::has_service<counter_service>(pool));
}
