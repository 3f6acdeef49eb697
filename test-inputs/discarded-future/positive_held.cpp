// Futures kept in a local that can reach the end of its scope without
// get()/wait(): the destructor blocks there.
#include <chrono>
#include <future>
#include <stdexcept>
#include <string>
#include <vector>

void work();
int compute(int value);
bool cancelled();

// Never waited.
void neverWaited() {
  // EXPECT-WARNING@+1:8 future 'result' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
  auto result = std::async(std::launch::async, compute, 1);
// EXPECT-NOTE@+1:1 'result' is destroyed here without being waited for, which blocks until the task ends
}

// The early return skips get().
int earlyReturn(bool quick) {
  // EXPECT-WARNING@+1:20 future 'result' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
  std::future<int> result = std::async(std::launch::async, compute, 2);
  if (quick)
    // EXPECT-NOTE@+1:5 'result' is destroyed here without being waited for, which blocks until the task ends
    return 0;
  return result.get();
}

// Waited on one branch only.
void oneBranch(bool wait) {
  // EXPECT-WARNING@+1:8 future 'done' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
  auto done = std::async(std::launch::async, work);
  if (wait)
    done.wait();
// EXPECT-NOTE@+1:1 'done' is destroyed here without being waited for, which blocks until the task ends
}

// An explicit throw before the wait.
void throwsFirst(int value) {
  // EXPECT-WARNING@+1:8 future 'done' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
  auto done = std::async(std::launch::async, compute, value);
  if (value < 0)
    // EXPECT-NOTE@+1:5 'done' is destroyed here without being waited for, which blocks until the task ends
    throw std::invalid_argument("negative");
  done.get();
}

// In a loop: each iteration blocks at the end of the body.
void inLoop(const std::vector<int> &values) {
  for (int value : values) {
    // EXPECT-WARNING@+1:10 future 'pending' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously, the loop's iterations run one after another, and its exception is lost; call get() on it on every path
    auto pending = std::async(std::launch::async, compute, value);
    if (cancelled())
      // EXPECT-NOTE@+1:7 'pending' is destroyed here without being waited for, which blocks until the task ends
      continue;
    pending.get();
  }
}

// Only valid() is asked.
void onlyValid() {
  // EXPECT-WARNING@+1:8 future 'pending' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
  auto pending = std::async(work);
  if (!pending.valid())
    return;
// EXPECT-NOTE@+1:1 'pending' is destroyed here without being waited for, which blocks until the task ends
}

// Assigned later.
void assignedLater(bool start) {
  // EXPECT-WARNING@+1:21 future 'pending' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
  std::future<void> pending;
  if (start)
    pending = std::async(std::launch::async, work);
// EXPECT-NOTE@+1:1 'pending' is destroyed here without being waited for, which blocks until the task ends
}

// Inside a lambda.
void lambdaHolds() {
  auto job = [] {
    // EXPECT-WARNING@+1:10 future 'inner' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously and its exception is lost; call get() on it on every path
    auto inner = std::async(std::launch::async, work);
  // EXPECT-NOTE@+1:3 'inner' is destroyed here without being waited for, which blocks until the task ends
  };
  job();
}

// A break out of a while loop.
void breakOut(int rounds) {
  while (rounds-- > 0) {
    // EXPECT-WARNING@+1:22 future 'step' of std::async can be destroyed without get() or wait(): its destructor then blocks until the task ends, so the call runs synchronously, the loop's iterations run one after another, and its exception is lost; call get() on it on every path
    std::future<int> step = std::async(std::launch::async, compute, rounds);
    if (cancelled())
      // EXPECT-NOTE@+1:7 'step' is destroyed here without being waited for, which blocks until the task ends
      break;
    step.get();
  }
}
