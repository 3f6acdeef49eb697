// What the pool's processes look like from outside: pids known from the
// start, no thread in the parent, default signal handlers and the creator's
// signal mask in workers, no inherited descriptors.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "bounded_run.h"
#include "tasks.h"

namespace {

using namespace std::chrono_literals;
using parlint::ProcessPool;
using pp_test::add;
using pp_test::runs_within;

// Defect 2: pids were published by the fork server after fork() returned.
TEST(ProcessPoolProcesses, WorkerPidsAreKnownRightAfterConstruction) {
  ProcessPool pool(2);
  std::vector<pid_t> pids = pool.worker_pids();
  ASSERT_EQ(pids.size(), 2u);
  for (pid_t pid : pids) {
    EXPECT_GT(pid, 0);
    EXPECT_EQ(pp_test::parent_of(pid), pool.fork_server_pid()) << "pid " << pid;
  }
  EXPECT_NE(pids[0], pids[1]);
}

TEST(ProcessPoolProcesses, EveryTaskRunsInAListedWorker) {
  ProcessPool pool(2);
  std::vector<decltype(pool.submit(&pp_test::own_pid))> futures;
  for (int i = 0; i < 200; ++i) futures.push_back(pool.submit(&pp_test::own_pid));
  for (auto& f : futures) {
    long pid = f.get();
    std::vector<pid_t> pids = pool.worker_pids();
    EXPECT_NE(std::find(pids.begin(), pids.end(), static_cast<pid_t>(pid)), pids.end()) << pid;
  }
}

// Defect 7: a pool's collector thread made the next pool's constructor fork
// a multi-threaded process.
TEST(ProcessPoolProcesses, PoolsStartNoThreadInTheParent) {
  int before = pp_test::thread_count();
  ProcessPool first(1);
  EXPECT_EQ(first.submit(&add, 1, 2).get(), 3);
  ProcessPool second(1);  // forks its server now: must see one thread only
  EXPECT_EQ(second.submit(&add, 2, 2).get(), 4);
  EXPECT_EQ(pp_test::thread_count(), before);
}

void on_usr1(int) {}

// Bit set of what a worker sees: 1 SIGUSR1 handler reset to default, 2
// SIGPIPE still ignored, 4 SIGUSR2 blocked as in the creator, 8 SIGCHLD and
// 16 SIGTERM not blocked.
int signal_state() {
  struct sigaction usr1 {}, pipe {};
  ::sigaction(SIGUSR1, nullptr, &usr1);
  ::sigaction(SIGPIPE, nullptr, &pipe);
  sigset_t mask;
  ::sigprocmask(SIG_SETMASK, nullptr, &mask);
  return (usr1.sa_handler == SIG_DFL ? 1 : 0) | (pipe.sa_handler == SIG_IGN ? 2 : 0) |
         (sigismember(&mask, SIGUSR2) ? 4 : 0) | (!sigismember(&mask, SIGCHLD) ? 8 : 0) |
         (!sigismember(&mask, SIGTERM) ? 16 : 0);
}

TEST(ProcessPoolProcesses, WorkersGetDefaultHandlersAndTheCreatorsSignalMask) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    struct sigaction sa {};
    sa.sa_handler = on_usr1;
    ::sigaction(SIGUSR1, &sa, nullptr);
    ::signal(SIGPIPE, SIG_IGN);
    sigset_t usr2;
    sigemptyset(&usr2);
    sigaddset(&usr2, SIGUSR2);
    ::sigprocmask(SIG_BLOCK, &usr2, nullptr);
    ProcessPool pool(1);
    EXPECT_EQ(pool.submit(&signal_state).get(), 31);
  });
}

// Defect 4: every descriptor of the parent stayed open in the workers (and
// the fork server) for the pool's lifetime.
TEST(ProcessPoolProcesses, UserPipeReachesEofWhileAPoolExists) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);  // no O_CLOEXEC, like most code
    ProcessPool pool(2);
    EXPECT_EQ(pool.submit(&add, 1, 2).get(), 3);
    ::close(fds[1]);
    pollfd p{fds[0], POLLIN, 0};
    ASSERT_EQ(::poll(&p, 1, 3000), 1) << "the write end is still open somewhere";
    char c;
    EXPECT_EQ(::read(fds[0], &c, 1), 0);
  });
}

int descriptors_above_stderr() {
  auto fds = pp_test::open_descriptors();
  return static_cast<int>(std::count_if(fds.begin(), fds.end(), [](int fd) { return fd > 2; }));
}

TEST(ProcessPoolProcesses, WorkersHoldOnlyTheStandardStreams) {
  EXPECT_FINISHES_WITHIN(20s, [] {
    int extra = ::open("/dev/null", O_RDONLY);  // not O_CLOEXEC
    ASSERT_GE(extra, 0);
    ProcessPool pool(1);
    EXPECT_EQ(pool.submit(&descriptors_above_stderr).get(), 0);
  });
}

}  // namespace
