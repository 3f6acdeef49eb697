// Mirrors: boostorg/asio example/cpp11/http/server2/io_context_pool.cpp:39
// (unbounded-spawn). The loop is bounded by the size of a member container
// that the constructor filled from a configured count (pool_size), not by input.
// parlint must stay silent.
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <thread>
#include <vector>

struct Context {
  void run();
  void stop();
};

class ContextPool {
public:
  explicit ContextPool(std::size_t pool_size) {
    if (pool_size == 0)
      throw std::runtime_error("pool size is 0");
    for (std::size_t i = 0; i < pool_size; ++i)
      contexts_.push_back(std::make_shared<Context>());
  }

  // near-miss: one thread per context; the count was configured at construction.
  void run() {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < contexts_.size(); ++i)
      threads.emplace_back([this, i] { contexts_[i]->run(); });
    for (std::size_t i = 0; i < threads.size(); ++i)
      threads[i].join();
  }

  // near-miss: same, range-for over the configured container.
  void runAll() {
    std::vector<std::thread> threads;
    for (auto &ctx : contexts_)
      threads.emplace_back([ctx] { ctx->run(); });
    for (auto &t : threads)
      t.join();
  }

private:
  std::vector<std::shared_ptr<Context>> contexts_;
};

// near-miss: a member container grown one element per call of a method: how
// often it is called is not visible here (per request, or once per configured
// context), so the count's source is unknown.
class Server {
public:
  void onRequest(std::shared_ptr<Context> c) { requests_.push_back(std::move(c)); }
  void serveAll() {
    std::vector<std::thread> threads;
    for (auto &req : requests_)
      threads.emplace_back([req] { req->run(); });
    for (auto &t : threads)
      t.join();
  }

private:
  std::vector<std::shared_ptr<Context>> requests_;
};

// Positive counterpart: a member container filled from a container the caller
// hands in, one element per item.
class Batch {
public:
  explicit Batch(const std::vector<std::shared_ptr<Context>> &requests) {
    for (const auto &request : requests)
      requests_.push_back(request);
  }
  void serveAll() {
    std::vector<std::thread> threads;
    // EXPECT-NOTE@+1:5 the loop iterates over a container or range, so its trip count grows with the input
    for (auto &req : requests_) // a warning is expected on the spawn below
      // EXPECT-WARNING@+1:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      threads.emplace_back([req] { req->run(); });
    // EXPECT-NOTE@+1:5 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
    for (auto &t : threads)
      t.join();
  }

private:
  std::vector<std::shared_ptr<Context>> requests_;
};
