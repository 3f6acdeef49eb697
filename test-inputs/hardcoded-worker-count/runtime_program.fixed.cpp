// The fix writes the runtime's default count, parlint::default_worker_count(),
// the count a default-constructed parlint::ThreadPool has. The program prints
// the same whatever the count (the harness builds and runs it before and
// after the fix, linked against the runtime).
#include <parlint/thread_pool.h>
#include <parlint/worker_count.h>

#include <atomic>
#include <cstdio>

int main() {
  // EXPECT-WARNING@+1:28 hardcoded worker count: parlint::ThreadPool is constructed with 4 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  parlint::ThreadPool pool(parlint::default_worker_count());
  std::atomic<long> total{0};
  pool.parallel_for(1, 101, [&](int i) { total += i; });
  std::printf("%ld\n", total.load());
  return 0;
}
