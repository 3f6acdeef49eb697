// RUN-CONFIG: {CheckOptions: {parlint-hardcoded-worker-count.IncludeTestCode: true}}
// IncludeTestCode reports in tests, benchmarks and examples too: in a test
// case body (the framework rule) and in a file whose path is a test's.
#include <gtest/gtest.h>
#include <thread>
#include <vector>

void hammer();

TEST(Resolver, SurvivesEightConcurrentClients) {
  constexpr int kClients = 8; // EXPECT-NOTE:28 'kClients' is set to 8 here
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 8 threads whatever the machine ('kClients' is the literal 8); use parlint::default_worker_count() or a configured count instead of the literal
    clients.emplace_back(hammer);
  for (auto &t : clients)
    t.join();
}

// What doctest's SUBCASE expands to: a section of a test.
namespace doctest::detail {
struct Subcase {
  Subcase(const char *name);
  operator bool() const;
};
} // namespace doctest::detail

void parallelRuns() {
  if (const doctest::detail::Subcase &section = doctest::detail::Subcase("RunAndWait")) {
    constexpr int kRuns = 32; // EXPECT-NOTE:27 'kRuns' is set to 32 here
    std::vector<std::thread> threads;
    for (int t = 0; t < kRuns; t++) // EXPECT-WARNING:5 hardcoded worker count: this loop starts 32 threads whatever the machine ('kRuns' is the literal 32); use parlint::default_worker_count() or a configured count instead of the literal
      threads.emplace_back(hammer);
    for (auto &t : threads)
      t.join();
  }
}

// A stress test's file (as its own path would say): reported with the
// option.
#line 1 "tests/shutdown_stress.cpp"
void raceShutdown() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 100; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 100 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(hammer);
  for (auto &t : threads)
    t.join();
}
