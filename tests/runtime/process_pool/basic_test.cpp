// ProcessPool: results, exceptions and crashes through futures, a worker
// killed mid-task, bulk data through SharedArray, no zombies, no /dev/shm leaks.
//
// Every pool here is constructed before the test starts any thread, as the
// pool requires (see process_pool.h).
#include <dirent.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <future>
#include <numeric>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "parlint/process_pool.h"
#include "parlint/shared_array.h"
#include "parlint/shared_value.h"

namespace {

using parlint::ProcessPool;
using parlint::SharedRef;

int add(int a, int b) { return a + b; }
double scale(double x, short factor) { return x * factor; }
void store_pid(long* out) { __atomic_store_n(out, static_cast<long>(::getpid()), __ATOMIC_SEQ_CST); }
long sum(SharedRef<int> part) { return std::accumulate(part.data, part.data + part.size, 0L); }
void square_in_place(SharedRef<int> part) {
  for (std::size_t i = 0; i < part.size; ++i) part.data[i] *= part.data[i];
}
int throw_error(int code) { throw std::runtime_error("bad input " + std::to_string(code)); }
int throw_int(int) { throw 42; }
[[noreturn]] int abort_task(int) { std::abort(); }
[[noreturn]] int exit_task(int status) { ::_exit(status); }

// Publishes its pid, then blocks until killed.
int hang(long* pid_out) {
  store_pid(pid_out);
  for (;;) ::pause();
}

struct Point {
  int x, y;
};
Point flip(Point p) { return Point{p.y, p.x}; }

std::set<std::string> own_shm_entries() {
  std::set<std::string> out;
  std::string prefix = "parlint." + std::to_string(::getpid()) + ".";
  if (DIR* dir = ::opendir("/dev/shm")) {
    while (dirent* e = ::readdir(dir))
      if (std::string(e->d_name).rfind(prefix, 0) == 0) out.insert(e->d_name);
    ::closedir(dir);
  }
  return out;
}

bool process_exists(pid_t pid) { return ::kill(pid, 0) == 0 || errno != ESRCH; }

// Waits (bounded) for a worker to publish its pid into `slot`.
long wait_for_pid(parlint::SharedValue<long>& slot) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (slot.load() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return slot.load();
}

TEST(ProcessPoolTest, ReturnsResults) {
  ProcessPool pool(2);
  EXPECT_EQ(pool.size(), 2u);
  auto a = pool.submit(&add, 2, 3);
  auto b = pool.submit(&scale, 1.5, short{4});
  auto c = pool.submit(&flip, Point{1, 2});
  EXPECT_EQ(a.get(), 5);
  EXPECT_DOUBLE_EQ(b.get(), 6.0);
  Point p = c.get();
  EXPECT_EQ(p.x, 2);
  EXPECT_EQ(p.y, 1);
}

TEST(ProcessPoolTest, TasksRunInOtherProcesses) {
  auto pid = parlint::SharedValue<long>::create(0);
  ProcessPool pool(1);
  pool.submit(&store_pid, pid.address()).get();
  EXPECT_NE(pid.load(), 0);
  EXPECT_NE(pid.load(), static_cast<long>(::getpid()));
  EXPECT_EQ(pool.worker_pids().at(0), pid.load());
}

TEST(ProcessPoolTest, DefaultSizeIsCoreCount) {
  ProcessPool pool;
  EXPECT_EQ(pool.size(), std::max(1u, std::thread::hardware_concurrency()));
  EXPECT_THROW(ProcessPool(0), std::invalid_argument);
}

TEST(ProcessPoolTest, ManySmallTasksAllComplete) {
  ProcessPool pool(2);
  constexpr int kTasks = 5000;  // more than all rings hold: exercises the overflow queue
  std::vector<parlint::ProcessFuture<int>> futures;
  futures.reserve(kTasks);
  for (int i = 0; i < kTasks; ++i) futures.push_back(pool.submit(&add, i, 1));
  for (int i = 0; i < kTasks; ++i) ASSERT_EQ(futures[i].get(), i + 1);
}

TEST(ProcessPoolTest, SubmitFromSeveralThreads) {
  ProcessPool pool(2);
  std::vector<std::thread> threads;
  std::vector<long> totals(3, 0);
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&, t] {
      std::vector<parlint::ProcessFuture<int>> fs;
      for (int i = 0; i < 300; ++i) fs.push_back(pool.submit(&add, i, t));
      for (auto& f : fs) totals[t] += f.get();
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 3; ++t) EXPECT_EQ(totals[t], 299L * 300 / 2 + 300L * t);
}

TEST(ProcessPoolTest, BulkDataTravelsAsSharedArrayRanges) {
  auto data = parlint::SharedArray<int>::create({4, 1000});
  std::iota(data.begin(), data.end(), 0);
  ProcessPool pool(2);
  std::vector<parlint::ProcessFuture<void>> squares;
  for (std::size_t row = 0; row < 4; ++row)
    squares.push_back(pool.submit(&square_in_place, SharedRef<int>{&data.view(row, 0), 1000}));
  for (auto& f : squares) f.get();
  for (int i = 0; i < 4000; ++i) ASSERT_EQ(data[i], i * i);
  std::iota(data.begin(), data.end(), 0);
  EXPECT_EQ(pool.submit(&sum, data.ref()).get(), 3999L * 4000 / 2);
}

TEST(ProcessPoolTest, TaskExceptionBecomesRemoteTaskError) {
  ProcessPool pool(1);
  auto f = pool.submit(&throw_error, 7);
  try {
    f.get();
    FAIL() << "no exception";
  } catch (const parlint::RemoteTaskError& e) {
    EXPECT_STREQ(e.what(), "bad input 7");
  }
  EXPECT_THROW(pool.submit(&throw_int, 0).get(), parlint::RemoteTaskError);
  EXPECT_EQ(pool.submit(&add, 1, 1).get(), 2);  // the worker survived
}

TEST(ProcessPoolTest, WorkerKilledMidTaskGivesErrorAndPoolKeepsWorking) {
  auto pid_slot = parlint::SharedValue<long>::create(0);
  ProcessPool pool(2);
  auto hung = pool.submit(&hang, pid_slot.address());
  long victim = wait_for_pid(pid_slot);
  ASSERT_GT(victim, 0);
  ASSERT_EQ(::kill(static_cast<pid_t>(victim), SIGKILL), 0);
  try {
    hung.get();
    FAIL() << "no error for a killed worker";
  } catch (const parlint::WorkerCrashed& e) {
    EXPECT_EQ(e.signal_number(), SIGKILL);
    EXPECT_NE(std::string(e.what()).find("SIGKILL"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(std::to_string(victim)), std::string::npos) << e.what();
  }
  std::vector<parlint::ProcessFuture<int>> after;
  for (int i = 0; i < 50; ++i) after.push_back(pool.submit(&add, i, i));
  for (int i = 0; i < 50; ++i) EXPECT_EQ(after[i].get(), 2 * i);
  for (pid_t pid : pool.worker_pids()) EXPECT_NE(pid, victim);
}

TEST(ProcessPoolTest, AbortAndExitInATaskAreReportedAndReplaced) {
  ProcessPool pool(1);
  try {
    pool.submit(&abort_task, 0).get();
    FAIL() << "no error for abort";
  } catch (const parlint::WorkerCrashed& e) {
    EXPECT_EQ(e.signal_number(), SIGABRT);
    EXPECT_NE(std::string(e.what()).find("SIGABRT"), std::string::npos) << e.what();
  }
  try {
    pool.submit(&exit_task, 3).get();
    FAIL() << "no error for _exit";
  } catch (const parlint::WorkerCrashed& e) {
    EXPECT_EQ(e.signal_number(), 0);
    EXPECT_EQ(e.exit_status(), 3);
    EXPECT_NE(std::string(e.what()).find("exited with status 3"), std::string::npos) << e.what();
  }
  EXPECT_EQ(pool.submit(&add, 20, 22).get(), 42);
}

TEST(ProcessPoolTest, TasksQueuedBehindACrashStillRun) {
  ProcessPool pool(1);  // one ring: the crash and the tasks behind it share it
  auto crash = pool.submit(&abort_task, 0);
  std::vector<parlint::ProcessFuture<int>> behind;
  for (int i = 0; i < 20; ++i) behind.push_back(pool.submit(&add, i, 100));
  EXPECT_THROW(crash.get(), parlint::WorkerCrashed);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(behind[i].get(), i + 100);
}

TEST(ProcessPoolTest, NoZombiesAndNoSharedMemoryLeftAfterShutdown) {
  auto before = own_shm_entries();
  pid_t server = 0;
  std::vector<pid_t> workers;
  {
    ProcessPool pool(2);
    EXPECT_EQ(pool.submit(&abort_task, 0).wait_for(std::chrono::seconds(20)), std::future_status::ready);
    EXPECT_EQ(pool.submit(&add, 1, 2).get(), 3);
    server = pool.fork_server_pid();
    workers = pool.worker_pids();
  }
  // The destructor reaped the fork server, which reaped the workers.
  errno = 0;
  EXPECT_EQ(::waitpid(server, nullptr, WNOHANG), -1);
  EXPECT_EQ(errno, ECHILD);
  EXPECT_FALSE(process_exists(server));
  for (pid_t w : workers) EXPECT_FALSE(w != 0 && process_exists(w)) << "worker " << w << " still exists";
  EXPECT_EQ(own_shm_entries(), before);
}

}  // namespace
