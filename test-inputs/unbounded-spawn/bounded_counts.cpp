// Counts that do not come from the program's input: constants however large,
// configuration capped by a limit, containers the function fills with a fixed
// number of elements, a pool starting its own workers, a cap on the workers
// alive, and counts of unknown origin. All silent.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include <poll.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

void work(int);
void *entry(void *);
std::vector<int> loadJobs();

#define THREAD_COUNT 100

// near-miss: a macro count into a fixed array, every thread joined.
void macroCount() {
  pthread_t threads[THREAD_COUNT];
  for (int i = 0; i != THREAD_COUNT; i++)
    pthread_create(&threads[i], nullptr, entry, nullptr);
  for (int i = 0; i != THREAD_COUNT; i++)
    pthread_join(threads[i], nullptr);
}

constexpr int NUM_THREADS = 100;
enum { kReaders = 12 };

// near-miss: constexpr, enumerator and sizeof counts.
void namedConstants() {
  std::vector<std::thread> threads;
  for (int i = 0; i < NUM_THREADS; ++i)
    threads.emplace_back(work, i);
  for (int i = 0; i < kReaders; ++i)
    threads.emplace_back(work, -i);
  pthread_t ids[8];
  for (std::size_t i = 0; i < sizeof ids / sizeof ids[0]; ++i)
    pthread_create(&ids[i], nullptr, entry, nullptr);
  for (auto &t : threads)
    t.join();
  for (pthread_t id : ids)
    pthread_join(id, nullptr);
}

struct Scenario {
  const char *name;
  int rate;
};
static const Scenario kScenarios[] = {{"idle", 0}, {"light", 10}, {"heavy", 1000}};
static const std::vector<int> kRates = {1, 10, 100, 1000};

// near-miss: a constant table of scenarios, a constant vector of rates.
void scenarios() {
  std::vector<std::thread> threads;
  for (const Scenario &scenario : kScenarios)
    threads.emplace_back(work, scenario.rate);
  for (int rate : kRates)
    threads.emplace_back(work, rate);
  for (auto &t : threads)
    t.join();
}

// near-miss: containers this function fills with a fixed number of elements.
void filledHere() {
  std::vector<int> cases;
  cases.push_back(1);
  cases.push_back(2);
  cases.push_back(3);
  std::vector<int> series;
  for (int i = 0; i < 16; ++i)
    series.push_back(i * i);
  std::vector<std::string> names = {"a", "b"};
  std::vector<std::thread> threads;
  for (int c : cases)
    threads.emplace_back(work, c);
  for (std::size_t i = 0; i < series.size(); ++i)
    threads.emplace_back(work, series[i]);
  for (const std::string &name : names)
    threads.emplace_back(work, static_cast<int>(name.size()));
  for (auto &t : threads)
    t.join();
}

// near-miss: a configured count capped by a limit, three ways.
void capped(const std::vector<int> &items, std::size_t requested,
            std::size_t max_parallel_jobs) {
  std::vector<std::thread> jobs(std::min(requested, max_parallel_jobs));
  for (auto &job : jobs)
    job = std::thread(work, 0);
  for (std::size_t i = 0; i < std::min(items.size(), max_parallel_jobs); ++i)
    jobs.emplace_back(work, items[i]);
  std::size_t n = items.size();
  if (n > max_parallel_jobs)
    n = max_parallel_jobs;
  for (std::size_t i = 0; i < n; ++i)
    jobs.emplace_back(work, items[i]);
  std::size_t m = items.size() > 8 ? 8 : items.size();
  for (std::size_t i = 0; i < m; ++i)
    jobs.emplace_back(work, items[i]);
  for (auto &job : jobs)
    job.join();
}

// near-miss: a thread per round of a constant number of rounds, next to other
// work, joined each round.
void rounds() {
  for (int round = 0; round < 1000; ++round) {
    std::thread helper(work, round);
    work(-round);
    helper.join();
  }
}

// near-miss: counts of unknown origin: a plain parameter, a function's result,
// a member nobody in this file fills.
class Batcher {
public:
  void run(int workers) {
    std::vector<std::thread> threads;
    for (int i = 0; i < workers; ++i)
      threads.emplace_back(work, i);
    for (int job : loadJobs())
      threads.emplace_back(work, job);
    for (int slot : slots_)
      threads.emplace_back(work, slot);
    for (auto &t : threads)
      t.join();
  }
  std::vector<int> slots_;
};

// near-miss: a pool implementation starting its own workers, up to its
// configured size, in its constructor, or on demand under a cap.
class Pool {
public:
  explicit Pool(std::size_t limit) : limit_(limit) {
    while (threads_.size() < limit_)
      threads_.emplace_back([this] { loop(); });
  }
  explicit Pool(const std::vector<int> &cpus) {
    for (int cpu : cpus)
      threads_.emplace_back(&Pool::pinned, this, cpu);
  }
  void grow(const std::vector<std::function<void()>> &batch) {
    for (const auto &task : batch) {
      {
        std::lock_guard<std::mutex> hold(lock_);
        tasks_.push(task);
      }
      if (threads_.size() < limit_)
        threads_.emplace_back([this] { loop(); });
      ready_.notify_one();
    }
  }
  ~Pool();

private:
  void loop();
  void pinned(int cpu);
  std::size_t limit_ = 4;
  std::vector<std::thread> threads_;
  std::queue<std::function<void()>> tasks_;
  std::mutex lock_;
  std::condition_variable ready_;
};

// near-miss: a dispatcher that starts workers only while it holds fewer than
// a limit, and runs the rest itself.
void dispatch(std::queue<int> &jobs) {
  std::vector<std::thread> workers;
  while (!jobs.empty()) {
    int job = jobs.front();
    jobs.pop();
    if (workers.size() < 8)
      workers.emplace_back(work, job);
    else
      work(job);
  }
  for (auto &w : workers)
    w.join();
}

void check(const std::string &file);

// near-miss: a process pool: a child per file while fewer than `jobs` run
// (the size of the map of running children, read into a local), results read
// from the children's pipes as they come, children reaped as they end.
void processPool(const std::vector<std::string> &files, std::size_t jobs) {
  std::map<pid_t, std::string> running;
  std::vector<pollfd> pipes;
  auto next = files.begin();
  for (;;) {
    const std::size_t children = running.size();
    if (next != files.end() && children < jobs) {
      const pid_t pid = fork();
      if (pid == 0) {
        check(*next);
        _exit(0);
      }
      running[pid] = *next;
      ++next;
      continue;
    }
    if (running.empty())
      break;
    poll(pipes.data(), pipes.size(), -1);
    running.erase(waitpid(-1, nullptr, 0));
  }
}

// near-miss: a thread per item, but never more alive than a limit: a counter
// incremented before each start, or a wait until one finishes.
class Throttle {
public:
  void perItem(const std::vector<int> &items) {
    for (int item : items) {
      if (active_ < max_active_) {
        ++active_;
        std::thread([this, item] { work(item); done(); }).detach();
      }
    }
  }
  void waiting(const std::vector<int> &items) {
    for (int item : items) {
      std::unique_lock<std::mutex> hold(lock_);
      while (active_ >= max_active_)
        finished_.wait(hold);
      ++active_;
      std::thread([this, item] { work(item); done(); }).detach();
    }
  }

private:
  void done();
  int active_ = 0;
  int max_active_ = 8;
  std::mutex lock_;
  std::condition_variable finished_;
};
