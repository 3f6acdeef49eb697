// RUN-CONFIG: {CheckOptions: {parlint-hardcoded-worker-count.FixItReplacement: 'get_nprocs()', parlint-hardcoded-worker-count.FixItHeader: '<sys/sysinfo.h>', parlint-hardcoded-worker-count.PoolTypes: 'mylib::Executor'}}
// The project's own count function replaces the literal, with its header;
// PoolTypes adds the project's pool (the known pools stay known).
#include <boost/asio/thread_pool.hpp>

#include <thread>
#include <vector>

namespace mylib {
class Executor {
public:
  Executor(const char *name, int threads, bool pinned = false);
  void shutdown();
};
} // namespace mylib

void work(int);

void loop() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 8 threads whatever the machine; use get_nprocs() or a configured count instead of the literal
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void customPool() {
  mylib::Executor executor("io", 4); // EXPECT-WARNING:34 hardcoded worker count: mylib::Executor is constructed with 4 workers whatever the machine; use get_nprocs() or a configured count instead of the literal
  executor.shutdown();
}

void knownPool() {
  boost::asio::thread_pool pool(6); // EXPECT-WARNING:33 hardcoded worker count: boost::asio::thread_pool is constructed with 6 workers whatever the machine; use get_nprocs() or a configured count instead of the literal
  pool.join();
}

void bracesKeepTheirLiteral() {
  // In braces the function's type could narrow: warning only, no fix-it.
  boost::asio::thread_pool pool{2}; // EXPECT-WARNING:33 hardcoded worker count: boost::asio::thread_pool is constructed with 2 workers whatever the machine; use get_nprocs() or a configured count instead of the literal
  pool.join();
}

namespace mylib {
class Executor;
}
void bracesIntParameter() {
  // No fix-it: an int parameter in braces would narrow whatever the text.
  mylib::Executor executor{"cpu", 3}; // EXPECT-WARNING:35 hardcoded worker count: mylib::Executor is constructed with 3 workers whatever the machine; use get_nprocs() or a configured count instead of the literal
  executor.shutdown();
}
