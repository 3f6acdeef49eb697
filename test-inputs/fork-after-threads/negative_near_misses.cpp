// Forks that are safe: no thread may be running at the fork, or the child
// only makes async-signal-safe calls before exec, or it is not fork().
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include <cstdio>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
void work();
int compute(int);
void runChild();

void forkBeforeThreads() {
  // near-miss: the child is forked before the thread starts
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  std::thread t(work);
  t.join();
  waitpid(pid, nullptr, 0);
}

void joinedBeforeFork() {
  // near-miss: the thread is joined on every path before the fork
  std::thread t(work);
  t.join();
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
}

void containerJoinedBeforeFork() {
  // near-miss: every thread of the container is joined before the fork
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(work);
  for (auto &w : workers)
    w.join();
  if (fork() == 0) {
    printf("child\n");
    _exit(0);
  }
}

void safeChild(const char *log) {
  // near-miss: the child only calls async-signal-safe functions before exec;
  // perror after a failed exec is never reached by a successful child
  std::thread t(work);
  pid_t pid = fork();
  if (pid == 0) {
    int fd = open(log, O_WRONLY | O_CREAT, 0644);
    dup2(fd, 1);
    close(fd);
    setsid();
    char *const argv[] = {const_cast<char *>("ls"), nullptr};
    execvp("ls", argv);
    perror("execvp");
    _exit(127);
  }
  t.join();
  waitpid(pid, nullptr, 0);
}

void safeChildWithStrings(const std::string &program,
                          std::vector<char *> &argv) {
  // near-miss: strings and vectors built before the fork are only read
  std::thread t(work);
  pid_t pid = fork();
  if (pid == 0) {
    execv(program.c_str(), argv.data());
    _exit(127);
  }
  t.join();
}

void usesVfork() {
  // near-miss: vfork, not fork
  std::thread t(work);
  pid_t pid = vfork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  t.join();
}

void usesPosixSpawn(char *const argv[]) {
  // near-miss: posix_spawn does the fork and exec safely
  std::thread t(work);
  pid_t pid;
  posix_spawn(&pid, "/bin/ls", nullptr, nullptr, argv, environ);
  t.join();
  waitpid(pid, nullptr, 0);
}

void noThreads() {
  // near-miss: no thread in this function
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
}

void poolJoinedBeforeFork() {
  // near-miss: the pool's threads are joined before the fork
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, work);
  pool.join();
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
}

void poolInInnerScope() {
  // near-miss: the pool is destroyed, its threads joined, before the fork
  {
    boost::asio::thread_pool pool(2);
    boost::asio::post(pool, work);
    pool.join();
  }
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
}

int futureWaitedBeforeFork() {
  // near-miss: the future is waited before the fork
  auto result = std::async(std::launch::async, compute, 1);
  int value = result.get();
  if (fork() == 0) {
    runChild();
    _exit(value);
  }
  return value;
}

void joinedAtOnce() {
  // near-miss: the temporary thread is joined in its own statement
  std::thread(work).join();
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
}

namespace sandbox {
int fork();
}
void notTheRealFork() {
  // near-miss: sandbox::fork is not ::fork
  std::thread t(work);
  if (sandbox::fork() == 0)
    runChild();
  t.join();
}

void threadStartedInChild() {
  // near-miss: the thread starts in the parent's branch, after the fork
  pid_t pid = fork();
  if (pid == 0) {
    execl("/bin/true", "true", (char *)nullptr);
    _exit(127);
  }
  std::thread t(work);
  t.join();
}

void threadInLambda() {
  // near-miss: the lambda starts its thread when called, after the fork
  auto later = [] {
    std::thread t(work);
    t.join();
  };
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
  later();
}

void returnsInParentOnly(bool early) {
  // near-miss: the thread is started only on a path that returns first
  if (early) {
    std::thread t(work);
    t.join();
    return;
  }
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
}

void deferredTask() {
  // near-miss: launch::deferred starts no thread
  auto result = std::async(std::launch::deferred, compute, 1);
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
  result.get();
}

#define RUN_CHILD(path)                                                        \
  do {                                                                         \
    execl(path, path, (char *)nullptr);                                        \
    _exit(127);                                                                \
  } while (0)

void safeChildInMacro() {
  // near-miss: the macro only execs
  std::thread t(work);
  if (fork() == 0)
    RUN_CHILD("/bin/true");
  t.join();
}

[[noreturn]] static void execTool(const char *path) {
  int fd = open("/dev/null", O_RDONLY);
  dup2(fd, 0);
  execl(path, path, (char *)nullptr);
  _exit(127);
}

void childInSafeHelper() {
  // near-miss: the helper makes only async-signal-safe calls, then execs
  std::thread t(work);
  if (fork() == 0)
    execTool("/bin/true");
  t.join();
}

void childWithSafeLambda() {
  // near-miss: the lambda only closes descriptors
  std::thread t(work);
  pid_t pid = fork();
  if (pid == 0) {
    auto closeInherited = [] {
      close(3);
      close(4);
    };
    closeInherited();
    execl("/bin/true", "true", (char *)nullptr);
    _exit(127);
  }
  t.join();
}
