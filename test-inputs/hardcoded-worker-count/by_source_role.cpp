// Tests, benchmarks and examples are recognized by their file's path
// (common/SourceRoles): a directory named test(s), unittest(s), bench(mark),
// example(s), demo(s), sample(s), or a name like *_test.cpp, test_*.cpp,
// *Test.cpp, *_bench.cpp. There a literal thread count is the test's load or
// the demo's illustration: it must exceed a capacity, it is what the test
// checks. The `#line` directives give the code below them such a file name,
// as a stress test's own file would.
#include <thread>
#include <vector>

namespace parlint {
class ThreadPool {
public:
  explicit ThreadPool(unsigned threads);
  template <class F> void post(F f) { f(); }
  void wait_idle();
};
} // namespace parlint

void hammer();

// The harness's copy of this file (/tmp/parlint-test-XXXXXX/) is product
// code: the same loop is reported here.
void serveClients() {
  constexpr int kClients = 8; // EXPECT-NOTE:28 'kClients' is set to 8 here
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 8 threads whatever the machine ('kClients' is the literal 8); use parlint::default_worker_count() or a configured count instead of the literal
    clients.emplace_back(hammer);
  for (auto &t : clients)
    t.join();
}

#line 1 "tests/shutdown_stress_test.cpp"
// near-miss: a stress test: 100 threads race the shutdown on purpose.
#define THREAD_COUNT 100
void raceShutdown() {
  std::thread threads[THREAD_COUNT];
  for (int i = 0; i < THREAD_COUNT; ++i)
    threads[i] = std::thread(hammer);
  for (auto &t : threads)
    t.join();
}

#line 1 "unittest/objectpool.cpp"
// near-miss: more threads than the object pool holds is the test.
void exhaustPool() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i)
    threads.emplace_back(hammer);
  for (auto &t : threads)
    t.join();
}

#line 1 "src/MPMCQueueTest.cpp"
// near-miss: a test file by its name, next to the sources.
void fuzzQueue() {
  const int numThreads = 10;
  std::vector<std::thread> producers;
  for (int i = 0; i < numThreads; ++i)
    producers.emplace_back(hammer);
  for (auto &t : producers)
    t.join();
}

#line 1 "examples/main.cpp"
// near-miss: the library's usage example ("create a pool with 3 threads").
void showPool() {
  parlint::ThreadPool pool(3);
  pool.post(hammer);
  pool.wait_idle();
}

#line 1 "benchmarks/queue_bench.cpp"
// near-miss: a benchmark's fixed contention level.
void contend() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(hammer);
  for (auto &t : threads)
    t.join();
}

#line 1 "lib/contest/latest_testament.cpp"
// Back in product code: "contest", "latest" and "testament" are not tests.
void startWorkers() {
  constexpr int kWorkers = 6; // EXPECT-NOTE:28 'kWorkers' is set to 6 here
  std::vector<std::thread> workers;
  for (int i = 0; i < kWorkers; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 6 threads whatever the machine ('kWorkers' is the literal 6); use parlint::default_worker_count() or a configured count instead of the literal
    workers.emplace_back(hammer);
  for (auto &t : workers)
    t.join();
}
