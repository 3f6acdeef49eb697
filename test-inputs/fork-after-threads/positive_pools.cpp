// A thread pool alive at the fork has threads running.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstddef>
#include <iostream>
#include <string>

#include <unistd.h>

namespace parlint {
class ThreadPool {
public:
  ThreadPool();
  explicit ThreadPool(std::size_t threads);
  ~ThreadPool();
  template <class F> void post(F f);
  void wait_idle();
  void shutdown();
};
} // namespace parlint

void task();
void logLine(const char *);

void localAsioPool() {
  boost::asio::thread_pool pool(2); // EXPECT-NOTE:28 pool 'pool' is alive at the fork, its threads running
  boost::asio::post(pool, task);
  if (fork() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls 'logLine' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    logLine("child"); // EXPECT-NOTE:5 the child calls 'logLine' here, before exec or _exit
    _exit(0);
  }
  pool.join();
}

void poolParameter(parlint::ThreadPool &pool) { // EXPECT-NOTE:41 pool 'pool' is alive at the fork, its threads running
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'logLine' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid == 0) {
    logLine("child"); // EXPECT-NOTE:5 the child calls 'logLine' here, before exec or _exit
    execlp("sort", "sort", (char *)nullptr);
    _exit(127);
  }
  pool.wait_idle();
}

class Server {
public:
  void spawnHelper() {
    if (fork() == 0) { // EXPECT-WARNING:9 fork() while other threads may be running, and the child calls 'logLine' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
      logLine("helper"); // EXPECT-NOTE:7 the child calls 'logLine' here, before exec or _exit
      execl("/usr/bin/helper", "helper", (char *)nullptr);
      _exit(127);
    }
  }

private:
  parlint::ThreadPool workers_; // EXPECT-NOTE:23 pool 'workers_' is alive at the fork, its threads running
};

void poolShutDownOnOnePath(bool drain) {
  parlint::ThreadPool pool(2); // EXPECT-NOTE:23 pool 'pool' is alive at the fork, its threads running
  if (drain)
    pool.shutdown();
  pid_t pid = fork(); // EXPECT-WARNING:15 fork() while other threads may be running, and the child calls 'logLine' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (pid == 0) {
    logLine("x"); // EXPECT-NOTE:5 the child calls 'logLine' here, before exec or _exit
    _exit(1);
  }
}

template <typename Pool> void forkWithPool(Pool &pool) { // EXPECT-NOTE:50 pool 'pool' is alive at the fork, its threads running
  if (fork() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls 'logLine' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    logLine("template"); // EXPECT-NOTE:5 the child calls 'logLine' here, before exec or _exit
    _exit(0);
  }
}
template void forkWithPool<boost::asio::thread_pool>(boost::asio::thread_pool &);

void childBuildsStrings() {
  boost::asio::thread_pool pool(2); // EXPECT-NOTE:28 pool 'pool' is alive at the fork, its threads running
  if (fork() == 0) { // EXPECT-WARNING:7 fork() while other threads may be running, and the child calls the constructor of 'std::string' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
    std::string path = "/bin/true"; // EXPECT-NOTE:24 the child calls the constructor of 'std::string' here, before exec or _exit
    execl(path.c_str(), "true", (char *)nullptr);
    _exit(127);
  }
  pool.join();
}
