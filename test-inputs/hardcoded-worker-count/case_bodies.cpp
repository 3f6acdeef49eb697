// A test that starts a fixed number of threads to create contention chose
// that number on purpose: test case bodies are not reported.
#include <gtest/gtest.h>
#include <thread>
#include <vector>

void hammer();

// near-miss: a GoogleTest stress test with eight concurrent clients.
TEST(Resolver, SurvivesEightConcurrentClients) {
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i)
    clients.emplace_back(hammer);
  for (auto &t : clients)
    t.join();
}

// near-miss: the function a doctest TEST_CASE expands to.
static void DOCTEST_ANON_FUNC_17() {
  std::vector<std::thread> threads;
  for (int t = 0; t < 32; t++)
    threads.emplace_back(hammer);
  for (auto &t : threads)
    t.join();
}

void registerTest() { DOCTEST_ANON_FUNC_17(); }

// near-miss: what Catch2 3's TEST_CASE expands to under a static analyzer.
static void dummyFunction7([[maybe_unused]] int catchInternalSectionHint) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 5; t++)
    threads.emplace_back(hammer);
  for (auto &t : threads)
    t.join();
}

void registerCatchTest() { dummyFunction7(0); }

// What doctest's SUBCASE expands to: a section of a test.
namespace doctest::detail {
struct Subcase {
  Subcase(const char *name);
  operator bool() const;
};
} // namespace doctest::detail

// near-miss: a helper a test case calls, with the loop inside a SUBCASE.
void parallelRuns() {
  if (const doctest::detail::Subcase &section = doctest::detail::Subcase("RunAndWait")) {
    std::vector<std::thread> threads;
    for (int t = 0; t < 32; t++)
      threads.emplace_back(hammer);
    for (auto &t : threads)
      t.join();
  }
}

// The same loop in ordinary code is a hardcoded worker count.
void serveClients() {
  std::vector<std::thread> clients;
  for (int i = 0; i < 8; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 8 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    clients.emplace_back(hammer);
  for (auto &t : clients)
    t.join();
}
