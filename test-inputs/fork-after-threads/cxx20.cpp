// RUN-STD: c++20
#include <cstdio>
#include <stop_token>
#include <thread>

#include <unistd.h>

void work(std::stop_token);
void runChild();

#define SPAWN_CHILD() fork()

void jthreadInScope() {
  std::jthread t(work); // EXPECT-NOTE:16 thread started here may still be running at the fork
  if (SPAWN_CHILD() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls 'runChild' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    runChild(); // EXPECT-NOTE:5 the child calls 'runChild' here, before exec or _exit
    _exit(0);
  }
}

void jthreadScopeEnded() {
  // near-miss: the std::jthread joined when its scope ended
  {
    std::jthread t(work);
  }
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
}

void forkInsideLambda() {
  auto spawn = [] {
    std::jthread t(work); // EXPECT-NOTE:18 thread started here may still be running at the fork
    if (fork() == 0) { // EXPECT-WARNING:9 fork() while other threads may be running, and the child calls 'puts' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
      puts("child"); // EXPECT-NOTE:7 the child calls 'puts' here, before exec or _exit
      _exit(0);
    }
  };
  spawn();
}

void nestedLambdas() {
  // near-miss: the inner lambda's thread belongs to the inner lambda, which
  // forks nothing; the outer body's fork has no thread of its own before it
  auto outer = [] {
    auto inner = [] { std::jthread t(work); };
    if (fork() == 0) {
      runChild();
      _exit(0);
    }
    inner();
  };
  outer();
}
