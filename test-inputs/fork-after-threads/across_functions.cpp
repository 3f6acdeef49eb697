// Threads started by called functions count as running at a later fork: a
// helper that detaches a thread, or keeps it in a global or a member, on
// every call. Near misses: a helper that joins what it starts, starts a
// thread only on some calls, is unknown code, or whose thread a later call
// on the same object may join.
#include <cstdio>
#include <thread>
#include <vector>

#include <unistd.h>

void work();
void runChild();

void startLogger() {
  std::thread(work).detach(); // EXPECT-NOTE:3 starting a std::thread here leaves a thread running after 'startLogger' returns
}

void loggerThenFork() {
  startLogger(); // EXPECT-NOTE:3 the thread that calling 'startLogger' leaves running may still be running at the fork
  if (fork() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls 'runChild' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    runChild(); // EXPECT-NOTE:5 the child calls 'runChild' here, before exec or _exit
    _exit(0);
  }
}

class Service {
public:
  void start() {
    worker_ = std::thread(work); // EXPECT-NOTE:15 starting a std::thread here leaves a thread running after 'start' returns
  }
  void stop() { worker_.join(); }

  void startThenFork() {
    start(); // EXPECT-NOTE:5 the thread that calling 'start' leaves running may still be running at the fork
    pid_t pid = fork(); // EXPECT-WARNING:17 fork() while other threads may be running, and the child calls 'printf' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    if (pid == 0) {
      printf("child\n"); // EXPECT-NOTE:7 the child calls 'printf' here, before exec or _exit
      _exit(0);
    }
    stop();
  }

  // Near miss: stop() may join it before the fork.
  void startStopFork() {
    start();
    stop();
    if (fork() == 0) {
      printf("child\n");
      _exit(0);
    }
  }

private:
  std::thread worker_;
};

// Near misses.
void startJoined() {
  std::thread t(work);
  t.join();
}
void startSometimes(bool background) {
  if (background)
    std::thread(work).detach();
}
void startElsewhere();
struct Starter {
  virtual void start() { std::thread(work).detach(); }
  virtual ~Starter() = default;
};

void nearMisses(Starter &starter, void (*callback)()) {
  startJoined();
  startSometimes(false);
  startElsewhere();
  starter.start();
  callback();
  if (fork() == 0) {
    printf("child\n");
    _exit(0);
  }
}

// Near miss: the fork comes before the helper is called.
void forkThenStart() {
  if (fork() == 0) {
    printf("child\n");
    _exit(0);
  }
  startLogger();
}
