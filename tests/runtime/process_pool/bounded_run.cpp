#include "bounded_run.h"

#include <dirent.h>
#include <execinfo.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

namespace pp_test {
namespace {

// Prints each process of the group with its state and kernel wait channel,
// the first things to look at when a pool hangs.
void describe_group(pid_t group) {
  DIR* dir = ::opendir("/proc");
  if (!dir) return;
  while (dirent* e = ::readdir(dir)) {
    pid_t pid = static_cast<pid_t>(std::atoi(e->d_name));
    if (pid <= 0 || ::getpgid(pid) != group) continue;
    std::ifstream wchan("/proc/" + std::to_string(pid) + "/wchan");
    std::string where;
    std::getline(wchan, where);
    std::fprintf(stderr, "  stuck: pid %d ppid %d state %c wchan %s\n", pid, parent_of(pid),
                 process_state(pid), where.c_str());
  }
  ::closedir(dir);
}

// A crash in the child prints its stack before it dies.
void print_stack_and_die(int sig) {
  void* frames[64];
  int n = ::backtrace(frames, 64);
  ::backtrace_symbols_fd(frames, n, 2);
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

}  // namespace

::testing::AssertionResult runs_within(std::chrono::milliseconds limit, const std::function<void()>& body) {
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t child = ::fork();
  if (child < 0) return ::testing::AssertionFailure() << "fork failed";
  if (child == 0) {
    ::setpgid(0, 0);
    ::signal(SIGSEGV, print_stack_and_die);
    ::signal(SIGBUS, print_stack_and_die);
    body();
    std::fflush(stdout);
    ::_exit(::testing::Test::HasFailure() ? 1 : 0);
  }
  ::setpgid(child, child);  // either side may win the race; both set the same group
  auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  for (;;) {
    pid_t r = ::waitpid(child, &status, WNOHANG);
    if (r == child) break;
    if (std::chrono::steady_clock::now() > deadline) {
      std::fprintf(stderr, "runs_within: no exit after %lld ms\n", static_cast<long long>(limit.count()));
      describe_group(child);
      if (const char* hold = std::getenv("PARLINT_HOLD_HUNG_MS")) {  // time to attach gdb
        std::fprintf(stderr, "  holding %s ms for gdb -p\n", hold);
        std::this_thread::sleep_for(std::chrono::milliseconds(std::atoi(hold)));
      }
      ::kill(-child, SIGKILL);
      ::waitpid(child, &status, 0);
      return ::testing::AssertionFailure() << "hung: did not finish within " << limit.count() << " ms";
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return ::testing::AssertionSuccess();
  if (WIFSIGNALED(status))
    return ::testing::AssertionFailure() << "child killed by signal " << WTERMSIG(status);
  return ::testing::AssertionFailure() << "child failed (exit status " << WEXITSTATUS(status) << ")";
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

namespace {
// Fields after the parenthesised command name of /proc/<pid>/stat.
std::istringstream stat_tail(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(in, line);
  auto close = line.rfind(')');
  return std::istringstream(close == std::string::npos ? std::string() : line.substr(close + 2));
}
}  // namespace

char process_state(pid_t pid) {
  auto in = stat_tail(pid);
  char state = 0;
  in >> state;
  return state;
}

pid_t parent_of(pid_t pid) {
  auto in = stat_tail(pid);
  char state = 0;
  pid_t ppid = 0;
  in >> state >> ppid;
  return ppid;
}

int thread_count() {
  int n = 0;
  if (DIR* dir = ::opendir("/proc/self/task")) {
    while (dirent* e = ::readdir(dir))
      if (e->d_name[0] != '.') ++n;
    ::closedir(dir);
  }
  return n;
}

std::vector<int> open_descriptors() {
  std::vector<int> out;
  DIR* dir = ::opendir("/proc/self/fd");
  if (!dir) return out;
  int own = ::dirfd(dir);
  while (dirent* e = ::readdir(dir)) {
    if (e->d_name[0] == '.') continue;
    int fd = std::atoi(e->d_name);
    if (fd != own) out.push_back(fd);
  }
  ::closedir(dir);
  return out;
}

std::set<std::string> parlint_shm_entries() {
  std::set<std::string> out;
  if (DIR* dir = ::opendir("/dev/shm")) {
    while (dirent* e = ::readdir(dir))
      if (std::string(e->d_name).rfind("parlint.", 0) == 0) out.insert(e->d_name);
    ::closedir(dir);
  }
  return out;
}

bool wait_until_gone(pid_t pid, std::chrono::milliseconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (process_exists(pid) && process_state(pid) != 'Z') {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

bool wait_until_thread_sleeps(pid_t tid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  const std::string path = "/proc/self/task/" + std::to_string(tid) + "/stat";
  for (;;) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    const auto close = line.rfind(')');
    if (close != std::string::npos && close + 2 < line.size() && line[close + 2] == 'S') return true;
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

pid_t current_tid() { return static_cast<pid_t>(::syscall(SYS_gettid)); }

}  // namespace pp_test
