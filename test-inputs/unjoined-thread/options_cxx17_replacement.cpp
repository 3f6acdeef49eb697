// RUN-CONFIG: {CheckOptions: {parlint-unjoined-thread.Cxx17Replacement: ''}}
// An empty Cxx17Replacement turns the C++17 fix-it off: only the warning.
#include <thread>

void work();

void noJoin() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker(work);
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}
