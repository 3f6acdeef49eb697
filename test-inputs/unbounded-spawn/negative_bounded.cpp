#include <algorithm>
#include <functional>
#include <future>
#include <thread>
#include <vector>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

void handle(int item);

class ThreadPool {
public:
  // near-miss: a pool constructor starting its configured number of workers
  explicit ThreadPool(size_t num_threads) {
    for (size_t i = 0; i < num_threads; ++i)
      workers.emplace_back([this] { run(); });
  }
  ~ThreadPool() {
    for (auto &w : workers)
      w.join();
  }

private:
  void run();
  std::vector<std::thread> workers;
};

void small_constant() {
  // near-miss: a constant bound at or below MaxConstantTripCount
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back(handle, i);
  for (auto &t : threads)
    t.join();
}

void hardware_bound(const std::vector<int> &items) {
  // near-miss: the bound comes from hardware_concurrency (through min/max)
  const unsigned n = std::max(1u, std::min<unsigned>(std::thread::hardware_concurrency(), 16));
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < n; ++i)
    threads.emplace_back(handle, static_cast<int>(i));
  for (auto &t : threads)
    t.join();
}

void min_with_hardware(const std::vector<int> &items) {
  // near-miss: min of a container size and hardware_concurrency is bounded
  std::vector<std::thread> threads;
  for (size_t i = 0; i < std::min<size_t>(items.size(), std::thread::hardware_concurrency()); ++i)
    threads.emplace_back(handle, items[i]);
  for (auto &t : threads)
    t.join();
}

void deferred_only(const std::vector<int> &items) {
  // near-miss: launch::deferred alone starts no thread
  std::vector<std::future<void>> results;
  for (int item : items)
    results.push_back(std::async(std::launch::deferred, handle, item));
  for (auto &r : results)
    r.get();
}

void spawn_each_program(const std::vector<char *> &programs) {
  // near-miss: each child is a program started with posix_spawnp and waited
  for (char *program : programs) {
    pid_t pid;
    char *argv[] = {program, nullptr};
    if (posix_spawnp(&pid, program, nullptr, nullptr, argv, nullptr) == 0)
      waitpid(pid, nullptr, 0);
  }
}

void lambda_in_loop(const std::vector<int> &items, std::vector<std::function<void()>> &tasks) {
  // near-miss: the thread is started when the lambda runs, not per iteration
  for (int item : items)
    tasks.push_back([item] { std::thread(handle, item).detach(); });
}

void small_array() {
  // near-miss: a range-for over a small fixed-size array
  int ids[4] = {1, 2, 3, 4};
  std::vector<std::thread> threads;
  for (int id : ids)
    threads.emplace_back(handle, id);
  for (auto &t : threads)
    t.join();
}

void configured_count(int workers) {
  // near-miss: a plain integer parameter, not derived from a container
  std::vector<std::thread> threads;
  int started = 0;
  while (started < workers) {
    threads.emplace_back(handle, started);
    ++started;
  }
  for (auto &t : threads)
    t.join();
}

void grow_to_count(size_t workers) {
  // near-miss: the loop counts the threads it starts, up to a configured number
  std::vector<std::thread> threads;
  while (threads.size() < workers)
    threads.emplace_back(handle, 0);
  for (auto &t : threads)
    t.join();
}

void move_existing(std::vector<std::thread> &from, std::vector<std::thread> &to) {
  // near-miss: moving existing threads starts none
  for (auto &t : from)
    to.emplace_back(std::move(t));
}

void spawn_outside_loop(const std::vector<int> &items) {
  // near-miss: one thread walks the whole input
  std::thread worker([&items] {
    for (int item : items)
      handle(item);
  });
  worker.join();
}
