// Uses the installed headers and library the way a user's code would.
#include <parlint/scoped_thread.h>
#include <parlint/shared_value.h>
#include <parlint/thread_pool.h>
#include <parlint/worker_count.h>

#include <cstdio>
#include <vector>

int main() {
  parlint::ThreadPool pool(parlint::default_worker_count());
  std::vector<int> inputs{1, 2, 3, 4};
  auto squares = pool.map([](int x) { return x * x; }, inputs);
  int sum = 0;
  for (int s : squares)
    sum += s;
  int joined = 0;
  {
    parlint::ScopedThread worker([&joined] { joined = 1; });
  }
  std::printf("%d %d\n", sum, joined);
  return sum == 30 && joined == 1 ? 0 : 1;
}
