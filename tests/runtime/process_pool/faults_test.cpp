// Faults the pool must survive or report, never hang on: a replacement fork
// that fails (test seam), a fork server killed, the parent killed.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "bounded_run.h"
#include "process_seams.h"
#include "tasks.h"

namespace {

using namespace std::chrono_literals;
using parlint::ProcessPool;
using pp_test::add;
using pp_test::runs_within;
namespace seams = parlint::detail::seams;

// Defect 5: a worker that cannot be replaced left its queued tasks (and the
// destructor) waiting for ever.
TEST(ProcessPoolFaults, FailedReplacementForkBreaksThePool) {
  EXPECT_FINISHES_WITHIN(30s, [] {
    seams::settings().fail_fork_number = 2;  // fork 1: the worker; fork 2: its replacement
    ProcessPool pool(1);
    EXPECT_THROW(pool.submit(&pp_test::abort_task, 0).get(), parlint::WorkerCrashed);
    try {
      pool.submit(&add, 1, 2).get();
      ADD_FAILURE() << "a task ran with no worker";
    } catch (const parlint::BrokenPool& e) {
      EXPECT_NE(std::string(e.what()).find("fork"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(pp_test::fails_as_broken(pool));
  });  // and the destructor returns
}

TEST(ProcessPoolFaults, FailedInitialForkThrowsFromTheConstructor) {
  EXPECT_FINISHES_WITHIN(30s, [] {
    seams::settings().fail_fork_number = 2;
    EXPECT_THROW(ProcessPool(2), std::system_error);
    EXPECT_EQ(::waitpid(-1, nullptr, WNOHANG), -1) << "a child was left behind";
  });
}

// A worker killed while idle is replaced quietly; no task fails.
TEST(ProcessPoolFaults, IdleWorkerKilledIsReplaced) {
  EXPECT_FINISHES_WITHIN(30s, [] {
    ProcessPool pool(2);
    pid_t victim = pool.worker_pids()[0];
    ASSERT_EQ(::kill(victim, SIGKILL), 0);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline &&
           (pool.worker_pids()[0] == victim || pool.worker_pids()[0] == 0))
      std::this_thread::sleep_for(1ms);
    EXPECT_NE(pool.worker_pids()[0], victim);
    std::vector<decltype(pool.submit(&add, 0, 0))> futures;
    for (int i = 0; i < 100; ++i) futures.push_back(pool.submit(&add, i, 1));
    for (int i = 0; i < 100; ++i) EXPECT_EQ(futures[i].get(), i + 1);
  });
}

// Defect 6: with the fork server gone, the next task never completed and the
// destructor waited for ever.
TEST(ProcessPoolFaults, ForkServerKilledBreaksPendingAndLaterTasks) {
  EXPECT_FINISHES_WITHIN(30s, [] {
    auto slot = parlint::SharedValue<long>::create(0);
    ProcessPool pool(2);
    std::vector<pid_t> workers = pool.worker_pids();
    auto running = pool.submit(&pp_test::hang, slot.address());
    ASSERT_GT(pp_test::wait_for_pid(slot), 0);
    std::vector<decltype(pool.submit(&add, 0, 0))> queued;
    for (int i = 0; i < 10; ++i) queued.push_back(pool.submit(&pp_test::sleep_then_return, 5));
    ASSERT_EQ(::kill(pool.fork_server_pid(), SIGKILL), 0);
    EXPECT_THROW(running.get(), parlint::BrokenPool);
    for (auto& f : queued) {
      try {
        EXPECT_EQ(f.get(), 5);  // finished before the kill
      } catch (const parlint::BrokenPool&) {
      }
    }
    EXPECT_TRUE(pp_test::fails_as_broken(pool));
    for (pid_t w : workers) EXPECT_TRUE(pp_test::wait_until_gone(w, 10s)) << "worker " << w << " outlived its server";
  });
}

// The parent dies (SIGKILL, no destructor): the fork server and the workers
// must exit on their own. This test's child makes itself a subreaper so the
// orphans come back to it and can be counted and reaped.
TEST(ProcessPoolFaults, ParentKilledLeavesNoProcessesAndNoSharedMemory) {
  EXPECT_FINISHES_WITHIN(30s, [] {
    ASSERT_EQ(::prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t parent = ::fork();
    ASSERT_GE(parent, 0);
    if (parent == 0) {
      auto slot = parlint::SharedValue<long>::create(0);
      ProcessPool pool(2);
      auto busy = pool.submit(&pp_test::hang, slot.address());  // one worker mid-task
      pp_test::wait_for_pid(slot);
      pid_t pids[3] = {pool.fork_server_pid(), pool.worker_pids()[0], pool.worker_pids()[1]};
      (void)!::write(fds[1], pids, sizeof pids);
      for (;;) ::pause();
    }
    ::close(fds[1]);
    pid_t pids[3] = {};
    ASSERT_EQ(::read(fds[0], pids, sizeof pids), static_cast<ssize_t>(sizeof pids));
    ASSERT_EQ(::kill(parent, SIGKILL), 0);
    ASSERT_EQ(::waitpid(parent, nullptr, 0), parent);
    std::set<pid_t> left(pids, pids + 3);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!left.empty() && std::chrono::steady_clock::now() < deadline) {
      pid_t r = ::waitpid(-1, nullptr, WNOHANG);  // orphans are ours now
      if (r > 0) left.erase(r);
      // Workers are reaped by the fork server before it exits: gone, not ours.
      for (auto it = left.begin(); it != left.end();)
        it = pp_test::process_exists(*it) ? std::next(it) : left.erase(it);
      if (r <= 0) std::this_thread::sleep_for(2ms);
    }
    for (pid_t pid : left)
      ADD_FAILURE() << "pid " << pid << " (state " << pp_test::process_state(pid) << ", parent "
                    << pp_test::parent_of(pid) << ") outlived the pool's parent " << parent;
    // Named segments carry their creator's pid ("parlint.<pid>.<name>"):
    // only this process tree's count, since other test programs running at
    // the same time (ctest -j) create their own.
    std::set<std::string> created;
    for (const std::string &entry : pp_test::parlint_shm_entries())
      for (pid_t pid : {parent, pids[0], pids[1], pids[2]})
        if (entry.rfind("parlint." + std::to_string(pid) + ".", 0) == 0) created.insert(entry);
    EXPECT_TRUE(created.empty()) << "shared memory left behind: " << *created.begin();
  });
}

}  // namespace
