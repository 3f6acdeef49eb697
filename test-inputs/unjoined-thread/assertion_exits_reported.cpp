// RUN-CONFIG: {CheckOptions: {parlint-unjoined-thread.ReportAssertionExits: true}}
// With ReportAssertionExits, a path through a failing test assertion counts.
#include <thread>

// Catch2 and doctest stop a test by throwing from REQUIRE.
#define REQUIRE(expr)                                                          \
  do {                                                                         \
    if (!(expr))                                                               \
      throw 1;                                                                 \
  } while (false)
// EXPECT-NOTE@-2:7 expanded from macro 'REQUIRE'

int compute();
void work();

void catchStyle() {
  std::thread worker(work); // EXPECT-WARNING:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  REQUIRE(compute() == 42); // EXPECT-NOTE:3 'worker' goes out of scope here while joinable
  worker.join();
}
