// RUN-STD: c++20
// In C++20 a never-detached std::thread becomes a std::jthread, which joins
// on destruction. Where that is not a safe rewrite, the warning stands alone.
#include <thread>
#include <vector>

void work();
void process(int item);
bool cancelled();
void inspect(const std::thread &thread);

// Rewritten: no join at all.
void noJoin() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use std::jthread, which joins on destruction
  std::jthread worker(work);
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Rewritten: the early return skips the join; the join stays valid.
void earlyReturn(bool quick) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use std::jthread, which joins on destruction
  std::jthread worker(process, 3);
  if (quick)
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    return;
  worker.join();
}

// Rewritten: a non-generic lambda is called the same way by std::jthread.
void lambdaWorker() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; use std::jthread, which joins on destruction
  std::jthread worker([] { work(); });
  if (cancelled())
    // EXPECT-NOTE@+1:5 'worker' goes out of scope here while joinable
    return;
  worker.join();
}

// Not rewritten: detached on another path, jthread would change the intent.
void detachedSometimes(bool background) {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker(work);
  if (background)
    worker.detach();
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Not rewritten: passed as const std::thread &, which a jthread is not.
void passedToInspector() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker(work);
  inspect(worker);
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Not rewritten: a generic lambda would receive a std::stop_token.
void genericCallable() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker([](auto... args) { work(); });
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Not rewritten: auto declares no type to replace.
void autoDeclared() {
  // EXPECT-WARNING@+1:8 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  auto worker = std::thread(work);
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Not rewritten: std::jthread's constructor is explicit, so
// `std::jthread worker = std::thread(...)` would not compile.
void copyInitialized() {
  // EXPECT-WARNING@+1:15 std::thread 'worker' can be destroyed while joinable, which calls std::terminate; join it on every path, or use parlint::ScopedThread
  std::thread worker = std::thread(process, 1);
// EXPECT-NOTE@+1:1 'worker' goes out of scope here while joinable
}

// Not rewritten: a container of threads.
void container(int count) {
  // EXPECT-WARNING@+1:28 threads in 'workers' can be destroyed while joinable, which calls std::terminate; join every element on every path, or store parlint::ScopedThread
  std::vector<std::thread> workers;
  for (int i = 0; i < count; ++i)
    workers.emplace_back(process, i);
// EXPECT-NOTE@+1:1 'workers' goes out of scope here while joinable
}

// near-miss: std::jthread joins by itself.
void alreadyJThread() {
  std::jthread worker(work);
}
