// RUN-STD: c++20
// Templates (instantiations analyzed, each location reported once), macros,
// C++20.
#include <concepts>
#include <future>
#include <ranges>
#include <vector>

void work();
int compute(int value);

#define FIRE_AND_FORGET(fn) std::async(std::launch::async, fn)
#define RUN_AND_GET(fn) std::async(std::launch::async, fn).get()

// Instantiated twice, reported once.
template <typename Task> void runLater(Task task) {
  // EXPECT-WARNING@+1:3 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  std::async(std::launch::async, task);
}

void useRunLater() {
  runLater(work);
  runLater([] { compute(1); });
}

// The async written inside a macro.
void macroDiscard() {
  // EXPECT-WARNING@+1:3 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously and its exception is lost; keep the future and call get() on it
  FIRE_AND_FORGET(work);
}

// near-miss: the macro gets the result.
void macroGet() { RUN_AND_GET(work); }

// A C++20 constrained template holding the future.
template <std::integral T> T twice(T value) {
  // EXPECT-WARNING@+1:8 future 'pending' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
  auto pending = std::async(std::launch::async, [value] { return value * 2; });
  if (value == 0)
    // EXPECT-NOTE@+1:5 'pending' is destroyed here without being waited for, which blocks until the task ends
    return 0;
  return pending.get();
}

int useTwice() { return twice(2) + static_cast<int>(twice(3L)); }

// A ranges loop in C++20.
void rangesLoop(const std::vector<int> &values) {
  for (int value : values | std::views::take(3))
    // EXPECT-WARNING@+1:5 the future of this std::async is discarded: its destructor blocks here until the task ends, so the call runs synchronously, the loop's iterations run one after another, and its exception is lost; keep the future and call get() on it after the loop
    std::async(std::launch::async, compute, value);
}

// near-miss: a template whose policy is deferred.
template <typename Task> void lazily(Task task) {
  auto lazy = std::async(std::launch::deferred, task);
}

void useLazily() { lazily(work); }

// near-miss: a template that waits.
template <typename Task> auto waitFor(Task task) {
  return std::async(std::launch::async, task).get();
}

int useWaitFor() { return waitFor([] { return compute(2); }); }
