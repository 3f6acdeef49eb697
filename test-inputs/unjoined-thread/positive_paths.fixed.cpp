// Local std::thread objects that reach their destructor while joinable on
// some path: std::terminate at run time.
#include <parlint/scoped_thread.h>

#include <stdexcept>
#include <thread>
#include <vector>

void work();
void process(int item);
bool cancelled();

// No join at all.
void fireAndForget() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  parlint::ScopedThread worker(work);
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Early return skips the join.
void earlyReturn(bool quick) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  parlint::ScopedThread worker(work);
  if (quick)
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    return;
  worker.join();
}

// Joined on one branch only.
void oneBranch(bool wait) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  parlint::ScopedThread worker(process, 1);
  if (wait)
    worker.join();
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// break leaves the loop body before the join.
void breakInLoop(int rounds) {
  for (int round = 0; round < rounds; ++round) {
    // EXPECT-WARNING@+1:17 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
    parlint::ScopedThread worker(process, round);
    if (cancelled())
      // EXPECT-NOTE@+1:7 'worker' goes out of scope here while joinable
      break;
    worker.join();
  }
}

// An explicit throw unwinds the joinable thread.
void explicitThrow(int value) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  parlint::ScopedThread worker(work);
  if (value < 0)
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    throw std::invalid_argument("negative");
  worker.join();
}

// The throw lands in a handler outside the thread's scope.
void throwInsideTry() {
  try {
    // EXPECT-WARNING@+1:17 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
    parlint::ScopedThread worker(work);
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    throw std::runtime_error("failed");
    worker.join();
  } catch (const std::exception &) {
  }
}

// Started later by move-assignment, joined only when a flag is set.
void assignedLater(bool wait) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker;
  worker = std::thread(work);
  if (wait)
    worker.join();
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// A member function.
class Service {
public:
  void start(bool verbose) {
    // EXPECT-WARNING@+1:17 std::thread 'logger' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
    std::thread logger(work);
    if (verbose)
      // EXPECT-NOTE@+1:7 'logger' goes out of scope here while joinable
      return;
    logger.detach();
  }
};

// A lambda's own body is a function too.
void insideLambda() {
  auto launch = [] {
    // EXPECT-WARNING@+2:35 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
    // EXPECT-NOTE@+1:49 'worker' goes out of scope here while joinable
    auto inner = [] { parlint::ScopedThread worker(work); };
    inner();
  };
  launch();
}

// A template instantiated twice is reported once.
template <typename T> void generic(T value) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use parlint::ScopedThread, which joins on destruction
  parlint::ScopedThread worker(process, static_cast<int>(value));
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}
void instantiate() {
  generic(1);
  generic(2.0);
}

// The thread comes from a macro argument; the variable is the user's.
#define START(name, fn) std::thread name(fn)
void fromMacro() {
  // EXPECT-WARNING@+1:9 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  START(worker, work);
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// A thread returned by a factory is owned here.
std::thread makeWorker();
void fromFactory() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker = makeWorker();
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}
