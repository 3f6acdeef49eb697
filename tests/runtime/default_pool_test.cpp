// parlint::default_pool(): one pool per process, made on first use, fresh in
// a forked child, shut down at exit without hanging (the exit cases run in
// tests/runtime/helpers/default_pool_helper, a separate program).
#include <parlint/default_pool.h>
#include <parlint/task_group.h>

#include <gtest/gtest.h>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "sanitizers.h"

extern char** environ;

namespace {

using namespace std::chrono_literals;

// Waits for `pid` at most `limit`; kills it when it did not end. Returns
// its exit status, or -1 when it was killed or ended by a signal.
int wait_bounded(pid_t pid, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  for (;;) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(2ms);  // poll interval of the wait for the exit
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int run_helper(const std::string& mode) {
  std::string path = std::string(PARLINT_HELPER_DIR) + "/default_pool_helper";
  std::string arg = mode;
  char* argv[] = {path.data(), arg.data(), nullptr};
  pid_t pid = 0;
  if (::posix_spawn(&pid, path.c_str(), nullptr, nullptr, argv, environ) != 0) return -2;
  return wait_bounded(pid, 30s);
}

TEST(DefaultPool, OnePoolForTheProcessWithTheDefaultWorkerCount) {
  parlint::ThreadPool& pool = parlint::default_pool();
  EXPECT_EQ(&pool, &parlint::default_pool());
  EXPECT_EQ(pool.size(), parlint::default_worker_count());
  std::vector<std::thread> callers;
  std::vector<parlint::ThreadPool*> seen(8);
  for (std::size_t i = 0; i < seen.size(); ++i) callers.emplace_back([&seen, i] { seen[i] = &parlint::default_pool(); });
  for (auto& t : callers) t.join();
  for (auto* p : seen) EXPECT_EQ(p, &pool);
}

TEST(DefaultPool, StartsNoMoreThreadsThanItsTasksNeed) {
  parlint::ThreadPool& pool = parlint::default_pool();
  const std::size_t before = pool.threads_started();
  parlint::TaskGroup group;
  group.post([] {});
  group.wait();
  EXPECT_LE(pool.threads_started(), std::max<std::size_t>(before, 1));
}

// The parent's pool has workers; the child has only the forking thread, so
// it must get a pool of its own, whose workers run its tasks, and exit.
TEST(DefaultPool, AForkedChildGetsAFreshPool) {
#ifdef PARLINT_UNDER_TSAN
  GTEST_SKIP() << "ThreadSanitizer cannot start threads after a multi-threaded fork (die_after_fork)";
#endif
#ifdef PARLINT_UNDER_ASAN
  // Seen 1 run in ~15: the child's first new thread blocked for ever on a
  // lock of ASan's allocator (in pthread_getattr_np -> free -> quarantine),
  // held by a parent thread at the fork. GCC 12's AddressSanitizer does not
  // take its allocator locks around fork(); glibc's malloc does.
  GTEST_SKIP() << "GCC 12's AddressSanitizer allocator is not fork-safe in a multi-threaded process";
#endif
  parlint::ThreadPool* parents = &parlint::default_pool();
  {
    parlint::TaskGroup group;  // the parent's workers exist (and sleep) at the fork
    for (int i = 0; i < 10; ++i) group.post([] {});
    group.wait();
  }
  ASSERT_GE(parents->threads_started(), 1u);
  std::fflush(stdout);  // the child exits through exit(): nothing buffered twice
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    parlint::ThreadPool& own = parlint::default_pool();
    if (&own == parents) ::_exit(10);
    if (own.threads_started() != 0) ::_exit(11);
    std::atomic<int> ran{0};
    parlint::TaskGroup group;
    for (int i = 0; i < 100; ++i) group.post([&ran] { ran++; });
    group.wait();
    if (ran.load() != 100) ::_exit(12);
    if (own.threads_started() == 0) ::_exit(13);
    std::exit(0);  // through the at-exit shutdown of the child's pool
  }
  EXPECT_EQ(wait_bounded(child, 30s), 0) << "10: inherited pool, 11: inherited threads, 12: tasks lost, "
                                            "13: no worker ran them, -1: hung or crashed";
  parlint::TaskGroup group;  // the parent's pool is unaffected
  std::atomic<int> ran{0};
  for (int i = 0; i < 10; ++i) group.post([&ran] { ran++; });
  group.wait();
  EXPECT_EQ(ran.load(), 10);
}

TEST(DefaultPool, ExitsCleanlyAfterWaitedGroups) { EXPECT_EQ(run_helper("clean"), 0); }

TEST(DefaultPool, ExitDoesNotWaitForBlockedTasksAndDropsQueuedOnes) {
  EXPECT_EQ(run_helper("blocked"), 0) << "20: a queued task ran at exit; -1: exit hung";
}

TEST(DefaultPool, ExitFromInsideATaskEndsTheProcess) { EXPECT_EQ(run_helper("exit-in-task"), 3); }

TEST(DefaultPool, PostingAfterTheExitShutdownThrows) { EXPECT_EQ(run_helper("late-post"), 0); }

}  // namespace
