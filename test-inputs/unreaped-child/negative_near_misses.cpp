// Near misses: children that are waited for on every path in the parent, or
// whose pid escapes, or that were never created. All must stay silent.
#include <csignal>
#include <cstdio>
#include <map>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char **environ;
void runChild();
bool ready();
void track(pid_t pid);

// near-miss: waited for on every path.
int waitedEverywhere(bool quick) {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  if (quick) {
    waitpid(pid, nullptr, 0);
    return 1;
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return status;
}

// near-miss: the child branch returns without waiting: it is not the parent.
void childBranchReturns() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    return;
  }
  waitpid(pid, nullptr, 0);
}

// near-miss: the failure branch spawned nothing.
int failureBranch() {
  pid_t pid = fork();
  if (pid == -1) {
    std::perror("fork");
    return -1;
  }
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  waitpid(pid, nullptr, 0);
  return 0;
}

// near-miss: `pid < 0` and `pid > 0` tests.
void parentTests() {
  pid_t pid = fork();
  if (pid < 0)
    return;
  if (pid > 0) {
    waitpid(pid, nullptr, 0);
    return;
  }
  runChild();
}

// near-miss: the pid is returned to the caller.
pid_t startChild() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  return pid;
}

// near-miss: the pid is handed to a function that takes it.
void handedOff() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  track(pid);
}

// near-miss: stored in a member.
class Supervisor {
public:
  void start() {
    child_ = fork();
    if (child_ == 0) {
      runChild();
      _exit(0);
    }
  }
  void stop() { waitpid(child_, nullptr, 0); }

private:
  pid_t child_ = -1;
};

// near-miss: stored in an outer container, reaped later.
void storedInContainer(std::vector<pid_t> &children) {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  children.push_back(pid);
}

// near-miss: a wait() loop reaps every child.
void reapAll(int count) {
  for (int i = 0; i < count; ++i)
    if (fork() == 0) {
      runChild();
      _exit(0);
    }
  while (wait(nullptr) > 0) {
  }
}

// near-miss: waitpid(-1, ...) reaps any child.
void waitAny() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  waitpid(-1, nullptr, 0);
}

// near-miss: kill then wait.
void killThenWait() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
}

// near-miss: posix_spawn failed: nothing to wait for; success waited.
int spawnAndWait(const char *path, char *const argv[]) {
  pid_t pid;
  if (posix_spawn(&pid, path, nullptr, nullptr, argv, environ) != 0)
    return -1;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0)
    return -1;
  return status;
}

// near-miss: wait4 and waitid name the child.
void otherWaits(bool useWaitid) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  if (useWaitid) {
    siginfo_t info;
    waitid(P_PID, pid, &info, WEXITED);
  } else {
    wait4(pid, nullptr, 0, nullptr);
  }
}

// near-miss: a switch whose parent branch waits.
void switchWaits() {
  pid_t pid = fork();
  switch (pid) {
  case -1:
    std::perror("fork");
    return;
  case 0:
    runChild();
    _exit(0);
  default:
    waitpid(pid, nullptr, 0);
  }
}

// near-miss: the child never returns (exit in the child), the parent waits in
// a retry loop.
void retryLoop() {
  pid_t pid = fork();
  if (pid == 0) {
    runChild();
    _exit(0);
  }
  while (waitpid(pid, nullptr, 0) < 0) {
  }
}

// near-miss: the pid is captured by a lambda that waits.
void capturedByLambda() {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  auto reap = [pid] { waitpid(pid, nullptr, 0); };
  reap();
}

// near-miss: the pid is kept in a map (an outer structure).
void keptInMap(std::map<pid_t, std::string> &jobs) {
  pid_t pid = fork();
  if (pid == 0)
    _exit(0);
  jobs[pid] = "job";
}

// near-miss: not a process: getpid() is no spawn.
void notASpawn() {
  pid_t self = getpid();
  std::printf("%d\n", self);
}

// near-miss: the function exits the process in the parent too.
void parentExits() {
  pid_t pid = fork();
  if (pid == 0)
    runChild();
  _exit(0);
}

// near-miss: the daemon's first fork: the parent exits at once, the child is
// reparented and reaped by init.
void daemonize() {
  if (fork() > 0)
    _exit(0);
  setsid();
  if (fork() != 0) {
    std::fflush(stdout);
    _exit(0);
  }
}
