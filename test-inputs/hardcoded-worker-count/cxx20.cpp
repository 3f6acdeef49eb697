// RUN-STD: c++20
#include <boost/asio/thread_pool.hpp>

#include <stop_token>
#include <thread>
#include <vector>

void work(int);

void jthreads() {
  std::vector<std::jthread> threads;
  for (int i = 0; i < 4; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 4 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back([i](std::stop_token) { work(i); });
}

void jthreadsRange() {
  // near-miss: a range over the machine's count is configuration-free
  std::vector<std::jthread> threads;
  for (unsigned i = 0; i < std::jthread::hardware_concurrency(); ++i)
    threads.emplace_back(work, static_cast<int>(i));
}

void oneJThreadPerRound() {
  // near-miss: a std::jthread local to the iteration joins before the next
  for (int round = 0; round < 3; ++round) {
    std::jthread t(work, round);
  }
}

auto genericStart = [](auto &pool) {
  // near-miss: a generic lambda's pool is dependent; this is not a pool
  (void)pool;
};

struct Service {
  // A designated default member initializer is still a construction.
  boost::asio::thread_pool pool{3}; // EXPECT-WARNING:33 hardcoded worker count: boost::asio::thread_pool is constructed with 3 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  ~Service() { pool.join(); }
};

void nestedLambdas() {
  std::vector<std::jthread> outer;
  auto launchAll = [&] {
    auto inner = [&](int n) {
      // near-miss: n is a parameter of the lambda
      for (int i = 0; i < n; ++i)
        outer.emplace_back(work, i);
    };
    inner(2);
    for (int i = 0; i < 5; ++i) // EXPECT-WARNING:5 hardcoded worker count: this loop starts 5 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
      outer.emplace_back(work, i);
  };
  launchAll();
}
