// Loops that start a literal number of workers: each is reported at the loop.
// Fix-its replace a plain literal bound counted up from 0 (see the golden).
#include <future>
#include <thread>
#include <vector>

#include <pthread.h>

void work(int);
int compute(int);
void *entry(void *);

void emplaceLoop() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 8 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void pushBackLoop() {
  std::vector<std::thread> threads;
  for (unsigned i = 0; i != 4; i++) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 4 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.push_back(std::thread(work, static_cast<int>(i)));
  for (auto &t : threads)
    t.join();
}

void whileCounter() {
  std::vector<std::thread> threads;
  int started = 0;
  while (started < 6) { // EXPECT-WARNING:3 hardcoded worker count: this loop starts 6 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(work, started);
    ++started;
  }
  for (auto &t : threads)
    t.join();
}

void doWhileCounter() {
  std::vector<std::thread> threads;
  int n = 0;
  do { // EXPECT-WARNING:3 hardcoded worker count: this loop starts 3 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(work, n);
    n++;
  } while (n < 3);
  for (auto &t : threads)
    t.join();
}

void sizeOfContainer() {
  std::vector<std::thread> threads;
  while (threads.size() < 5) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 5 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(work, 0);
  for (auto &t : threads)
    t.join();
}

void countDown() {
  std::vector<std::thread> threads;
  for (int i = 12; i > 0; --i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 12 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

int asyncTasks() {
  std::vector<std::future<int>> results;
  for (int i = 0; i < 16; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 16 tasks whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    results.push_back(std::async(std::launch::async, compute, i));
  int sum = 0;
  for (auto &r : results)
    sum += r.get();
  return sum;
}

void posixThreads() {
  pthread_t ids[4];
  for (int i = 0; i < 4; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 4 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    pthread_create(&ids[i], nullptr, entry, nullptr);
  for (int i = 0; i < 4; ++i)
    pthread_join(ids[i], nullptr);
}

void detachedWorkers() {
  for (int i = 0; i < 2; ++i) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 2 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    std::thread(work, i).detach();
}

void lambdaWorkers() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 10; ++i) { // EXPECT-WARNING:3 hardcoded worker count: this loop starts 10 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back([i] { work(i); });
  }
  for (auto &t : threads)
    t.join();
}

void exceptionsAround() {
  std::vector<std::thread> threads;
  try {
    for (int i = 0; i < 8; ++i) // EXPECT-WARNING:5 hardcoded worker count: this loop starts 8 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
      threads.emplace_back(work, i);
  } catch (...) {
  }
  for (auto &t : threads)
    t.join();
}

class Crawler {
public:
  void start() {
    for (int i = 0; i < 6; ++i) // EXPECT-WARNING:5 hardcoded worker count: this loop starts 6 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
      workers_.emplace_back(&Crawler::crawl, this, i);
  }
  void stop() {
    for (auto &w : workers_)
      w.join();
  }

private:
  void crawl(int);
  std::vector<std::thread> workers_;
};

// A lambda that starts the workers when called, not a worker itself.
void startLater() {
  std::vector<std::thread> threads;
  auto start = [&threads] {
    for (int i = 0; i < 3; ++i) // EXPECT-WARNING:5 hardcoded worker count: this loop starts 3 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
      threads.emplace_back(work, i);
  };
  start();
  for (auto &t : threads)
    t.join();
}

// An early return before the loop does not matter.
void earlyReturn(bool skip) {
  if (skip)
    return;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; i += 2) // EXPECT-WARNING:3 hardcoded worker count: this loop starts 4 threads whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}
