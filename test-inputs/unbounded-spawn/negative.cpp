// Near-misses: loops that start threads or processes but whose number of
// creations is bounded. parlint-unbounded-spawn must stay silent on all of
// them. (A worker per item waited in the same iteration is not bounded: see
// positive_creations.cpp.)
#include <algorithm>
#include <functional>
#include <future>
#include <thread>
#include <vector>

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

void work(int);
void *entry(void *);

// near-miss: a small constant bound.
void smallConstant() {
  std::vector<std::thread> workers;
  for (int i = 0; i < 8; ++i)
    workers.emplace_back(work, i);
  for (auto &w : workers)
    w.join();
}

// near-miss: exactly the default limit of 64.
void constantAtLimit() {
  std::thread workers[64];
  for (int i = 0; i < 64; ++i)
    workers[i] = std::thread(work, i);
  for (auto &w : workers)
    w.join();
}

// near-miss: bounded by the machine's core count.
void coreCount() {
  const unsigned n = std::thread::hardware_concurrency();
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < n; ++i)
    workers.emplace_back(work, static_cast<int>(i));
  for (auto &w : workers)
    w.join();
}

// near-miss: core count clamped with std::max.
void coreCountClamped() {
  const unsigned n = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> workers;
  for (unsigned i = 0; i < n; ++i)
    workers.emplace_back(work, static_cast<int>(i));
  for (auto &w : workers)
    w.join();
}

// near-miss: a thread pool's constructor with a configured worker count.
class Pool {
public:
  explicit Pool(size_t num_threads) {
    for (size_t i = 0; i < num_threads; ++i)
      workers_.emplace_back([] { work(0); });
  }
  ~Pool() {
    for (auto &w : workers_)
      w.join();
  }

private:
  std::vector<std::thread> workers_;
};

// near-miss: deferred async starts no thread.
void deferredAsync(const std::vector<int> &items) {
  std::vector<std::future<void>> results;
  for (int item : items)
    results.push_back(std::async(std::launch::deferred, work, item));
  for (auto &r : results)
    r.get();
}

// near-miss: each child runs another program and is waited for: that is how
// programs are run, and no pool can run them.
void runEachCommand(const std::vector<const char *> &commands) {
  for (const char *command : commands) {
    pid_t pid = fork();
    if (pid == 0) {
      execlp(command, command, (char *)nullptr);
      _exit(127);
    }
    waitpid(pid, nullptr, 0);
  }
}

// near-miss: a lambda defined in a loop but run once after it.
void lambdaNotInvokedInLoop(const std::vector<int> &items) {
  std::function<void()> last;
  for (int item : items)
    last = [item] { std::thread(work, item).join(); };
  if (last)
    last();
}

// near-miss: the thread is created outside the loop.
void spawnBeforeLoop(const std::vector<int> &items) {
  std::thread t([&items] {
    for (int item : items)
      work(item);
  });
  t.join();
}

// near-miss: a plain integer parameter as bound (a configured count).
void configuredCount(int workerCount) {
  std::vector<pthread_t> ids(static_cast<size_t>(workerCount));
  for (int i = 0; i < workerCount; ++i)
    pthread_create(&ids[i], nullptr, entry, nullptr);
  for (pthread_t id : ids)
    pthread_join(id, nullptr);
}

// near-miss: a look-alike user function named fork.
namespace app {
int fork();
}
void userFork(const std::vector<int> &items) {
  for (int item : items)
    (void)item, app::fork();
}
