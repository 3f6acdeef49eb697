// fork() while a thread started in the same function may be running, with a
// child that does more than async-signal-safe work before exec: reported at
// the fork, with a note at the unsafe call and at each running thread.
#include <cstdio>
#include <cstdlib>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

void work();
int compute(int);
void runChild();

void threadThenFork() {
  std::thread logger(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'printf' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid == 0) {
    printf("child\n"); // EXPECT-NOTE:5 the child calls 'printf' here, before exec or _exit
    execl("/bin/true", "true", (char *)nullptr);
    _exit(127);
  }
  logger.join();
}

void containerThenFork() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 2; ++i)
    workers.emplace_back(work); // EXPECT-NOTE:5 thread started here may still be running at the fork
  if (fork() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls 'runChild' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    runChild(); // EXPECT-NOTE:5 the child calls 'runChild' here, before exec or _exit
    _exit(0);
  }
  for (auto &w : workers)
    w.join();
}

void detachedThenFork() {
  std::thread(work).detach(); // EXPECT-NOTE:3 thread started here may still be running at the fork
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'malloc' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid != 0)
    return;
  void *buffer = malloc(64); // EXPECT-NOTE:18 the child calls 'malloc' here, before exec or _exit
  (void)buffer;
  _exit(0);
}

void joinedOnOnePath(bool wait) {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  if (wait)
    t.join();
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'exit' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid == 0)
    exit(compute(1)); // EXPECT-NOTE:5 the child calls 'exit' here, before exec or _exit
  if (t.joinable())
    t.join();
}

int asyncThenFork() {
  auto result = std::async(std::launch::async, compute, 3); // EXPECT-NOTE:17 thread started here may still be running at the fork
  switch (fork()) { // EXPECT-WARNING:11 fork() while other threads may be running, and the child calls 'compute' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  case -1:
    break;
  case 0:
    _exit(compute(2)); // EXPECT-NOTE:11 the child calls 'compute' here, before exec or _exit
  default:
    break;
  }
  return result.get();
}

void childReturns() {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child does not exec or _exit: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid == 0) {
    write(1, "x", 1);
    return;
  }
  t.join();
}

class Daemon {
public:
  void start() {
    thread_ = std::thread(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
    if (fork() == 0) { // EXPECT-WARNING:9 fork() while other threads may be running, and the child calls 'Daemon::serve' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
      serve(); // EXPECT-NOTE:7 the child calls 'Daemon::serve' here, before exec or _exit
      _exit(0);
    }
  }

private:
  void serve();
  std::thread thread_;
};

void exceptionInChild() {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  try {
    if (fork() == 0) // EXPECT-WARNING:9 fork() while other threads may be running, and the child calls 'throw' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
      throw 1; // EXPECT-NOTE:7 the child calls 'throw' here, before exec or _exit
  } catch (int) {
  }
  t.join();
}

void forkInLoop() {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  for (int i = 0; i < 3; ++i) {
    pid_t pid = fork(); // EXPECT-WARNING:17 fork() while other threads may be running, and the child calls 'compute' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    if (pid == 0)
      _exit(compute(i)); // EXPECT-NOTE:13 the child calls 'compute' here, before exec or _exit
  }
  t.join();
}

void untestedFork() {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  fork(); // EXPECT-WARNING:3 fork() while other threads may be running, and the child calls 'puts' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  puts("both processes print this"); // EXPECT-NOTE:3 the child calls 'puts' here, before exec or _exit
  t.join();
}

// The program's own helper is followed: this one is not safe.
static void setUpChild() { puts("setting up"); }
void childHelperUnsafe() {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  if (fork() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls 'setUpChild' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    setUpChild(); // EXPECT-NOTE:5 the child calls 'setUpChild' here, before exec or _exit
    execl("/bin/true", "true", (char *)nullptr);
    _exit(127);
  }
  t.join();
}

void namedDetached() {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the fork
  t.detach();
  if (fork() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls 'printf' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    printf("detached is still running\n"); // EXPECT-NOTE:5 the child calls 'printf' here, before exec or _exit
    _exit(0);
  }
}
