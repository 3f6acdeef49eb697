// Children whose pid can reach the end of the function, in the parent,
// without a waitpid on it: each one stays a zombie after it exits.
#include <csignal>
#include <cstdio>
#include <spawn.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;
void runChild();
bool ready();
void log(const char *message);

// Never waited at all.
void fireAndForget() {
  // EXPECT-WARNING@+1:15 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

// The early return skips the wait.
int earlyReturn(bool quick) {
  // EXPECT-WARNING@+1:15 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  if (quick)
    // EXPECT-NOTE@+1:5 'pid' is not waited for when the function returns here
    return 1;
  waitpid(pid, nullptr, 0);
  return 0;
}

// kill() is not a wait: a killed child is still a zombie.
void killedNotReaped() {
  // EXPECT-WARNING@+1:17 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'child' in the parent
  pid_t child = fork();
  if (child == 0) {
    runChild();
    _exit(0);
  }
  if (!ready())
    kill(child, SIGTERM);
// EXPECT-NOTE@+1:1 'child' is not waited for when the function ends here
}

// Waited on one branch only.
void waitedOnOneBranch(bool wait) {
  // EXPECT-WARNING@+1:15 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
  pid_t pid = fork();
  if (pid < 0)
    return;
  if (pid == 0) {
    execl("/bin/true", "true", static_cast<char *>(nullptr));
    _exit(127);
  }
  if (wait)
    waitpid(pid, nullptr, 0);
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

// An exception leaves before the wait.
void throwsBeforeWait(int code) {
  // EXPECT-WARNING@+1:15 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  if (code < 0)
    // EXPECT-NOTE@+1:5 'pid' is not waited for when the exception leaves the function here
    throw std::runtime_error("bad code");
  waitpid(pid, nullptr, 0);
}

// posix_spawn started the child; only the failure branch returns early, but
// the success path never waits either.
int spawnNoWait(const char *path, char *const argv[]) {
  pid_t pid;
  // EXPECT-WARNING@+1:7 child process started by posix_spawn is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  if (posix_spawn(&pid, path, nullptr, nullptr, argv, environ) != 0)
    return -1;
  log("spawned");
  // EXPECT-NOTE@+1:3 'pid' is not waited for when the function returns here
  return 0;
}

// posix_spawnp: the error code is kept in a variable; the success path forgets.
void spawnpKeptCode(char *const argv[]) {
  pid_t pid;
  // EXPECT-WARNING@+1:12 child process started by posix_spawnp is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  int rc = posix_spawnp(&pid, argv[0], nullptr, nullptr, argv, environ);
  if (rc != 0) {
    std::perror("posix_spawnp");
    return;
  }
  std::printf("started %d\n", pid);
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

// The pid is dropped: nothing can waitpid it, and nothing waits for any child.
void droppedPid() {
  // EXPECT-WARNING@+1:7 the pid of the child started by fork is dropped and nothing here waits for any child, so the child stays a zombie after it exits; keep the pid and waitpid() it in the parent
  if (fork() == 0) {
    runChild();
    _exit(0);
  }
  log("parent continues");
}

// vfork with switch: the parent's default branch breaks out without a wait.
void vforkSwitch() {
  // EXPECT-WARNING@+1:15 child process started by vfork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
  pid_t pid = vfork();
  switch (pid) {
  case -1:
    std::perror("vfork");
    return;
  case 0:
    execl("/bin/true", "true", static_cast<char *>(nullptr));
    _exit(127);
  default:
    break;
  }
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

// Assigned in the condition; a break in the loop leaves before the wait.
void assignedInCondition(int attempts) {
  pid_t pid = -1;
  for (int i = 0; i < attempts; ++i) {
    // EXPECT-WARNING@+1:16 child process started by fork can be left unwaited when the function returns, so it stays a zombie after it exits; waitpid() 'pid' on every path in the parent
    if ((pid = fork()) == 0) {
      runChild();
      _exit(0);
    }
    if (!ready())
      break;
    waitpid(pid, nullptr, 0);
  }
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

// A loop of forks, only the last one waited: the pid variable is reused.
void loopOfForks(int count) {
  for (int i = 0; i < count; ++i) {
    // EXPECT-WARNING@+1:17 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
    pid_t pid = fork();
    if (pid == 0) {
      runChild();
      _exit(0);
    }
  }
// EXPECT-NOTE@+1:1 'pid' is not waited for when the function ends here
}

// A member function that forgets its child.
class Launcher {
public:
  void start() {
    // EXPECT-WARNING@+1:17 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
    pid_t pid = fork();
    if (pid == 0) {
      runChild();
      _exit(0);
    }
    started_ = true;
  // EXPECT-NOTE@+1:3 'pid' is not waited for when the function ends here
  }

private:
  bool started_ = false;
};

// The fork inside a lambda: the lambda's body is the function that forgets.
void insideLambda() {
  auto launch = [] {
    // EXPECT-WARNING@+1:17 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
    pid_t pid = fork();
    if (pid == 0) {
      runChild();
      _exit(0);
    }
    log("launched");
  // EXPECT-NOTE@+1:3 'pid' is not waited for when the function ends here
  };
  launch();
}

// A nested lambda.
void nestedLambda() {
  auto outer = [] {
    auto inner = [](int n) {
      // EXPECT-WARNING@+1:19 child process started by fork is never waited for, so it stays a zombie after it exits; waitpid() 'pid' in the parent
      pid_t pid = fork();
      if (pid == 0)
        _exit(n);
      // EXPECT-NOTE@+1:7 'pid' is not waited for when the function returns here
      return n;
    };
    return inner(1);
  };
  outer();
}
