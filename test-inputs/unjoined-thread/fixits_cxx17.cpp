// Before C++20 a never-detached std::thread becomes a parlint::ScopedThread,
// which joins in its destructor like std::jthread (without a stop token, so a
// generic callable is fine). The program prints the same before and after
// the fix (the harness builds and runs both).
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

std::atomic<int> done{0};

void work() { ++done; }
void process(int item) { done += item; }
void inspect(const std::thread &thread) { (void)thread.get_id(); }

// Rewritten: the early return skips the join.
void earlyReturn(bool quick) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  std::thread worker(process, 3);
  if (quick)
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    return;
  worker.join();
}

// Rewritten: a generic lambda is called the same way by ScopedThread.
void genericCallable(bool quick) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  std::thread worker([](auto... values) { (process(values), ...); }, 2, 5);
  if (quick)
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    return;
  worker.join();
}

// Rewritten: braces.
void braces(bool quick) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  std::thread worker{work};
  if (!quick)
    worker.join();
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Not rewritten: detached on another path.
void detachedSometimes(bool background) {
  std::thread worker(work);
  if (background)
    worker.detach();
  else
    worker.join();
}

// Not rewritten: passed as const std::thread &.
void passedToInspector(bool quick) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker(work);
  inspect(worker);
  if (!quick)
    worker.join();
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Not rewritten: auto, and `= std::thread(...)` (the constructor is
// explicit).
void notWrittenAsType(bool quick) {
  // EXPECT-WARNING@+1:8 std::thread 'first' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  auto first = std::thread(work);
  // EXPECT-WARNING@+1:15 std::thread 'second' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread second = std::thread(process, 4);
  if (quick)
    // EXPECT-NOTE@+2:5 'first' goes out of scope here while joinable
    // EXPECT-NOTE@+1:5 'second' goes out of scope here while joinable
    return;
  first.join();
  second.join();
}

int main() {
  earlyReturn(false);
  genericCallable(false);
  braces(false);
  detachedSometimes(false);
  passedToInspector(false);
  notWrittenAsType(false);
  std::printf("%d\n", done.load());
  return 0;
}
