// RUN-STD: c++20
// Thread-per-item loops that stay reported without a fix-it: rewriting them
// onto a pool would not compile or would change what the program does. Each
// keeps the note that shows the loop on a pool.
#include <condition_variable>
#include <functional>
#include <future>
#include <istream>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

void work(int);
long compute(int);
void consume(std::vector<std::future<long>> &futures);
void watch(std::stop_token token, int item);

// near-miss: the futures are returned: they outlive the function, the pool
// would not.
std::vector<std::future<long>> escapes(const std::vector<int> &items) {
  std::vector<std::future<long>> futures;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { futures.push_back(group.submit(compute, item)); }'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    futures.push_back(std::async(std::launch::async, compute, item));
  return futures;
}

// near-miss: the futures are handed to another function.
void passedOn(const std::vector<int> &items) {
  std::vector<std::future<long>> futures;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { futures.push_back(group.submit(compute, item)); }'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    futures.push_back(std::async(std::launch::async, compute, item));
  consume(futures);
}

// near-miss: clear() drops the futures: std::async's futures wait for their
// tasks there, the pool's do not.
void cleared(const std::vector<int> &items) {
  std::vector<std::future<long>> futures;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { futures.push_back(group.submit(compute, item)); }'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    futures.push_back(std::async(std::launch::async, compute, item));
  futures.clear();
}

// near-miss: std::ref into a generic lambda: std::async passes the
// reference_wrapper, pool.submit the reference it holds.
void wrappedReference(const std::vector<int> &items, long &total) {
  std::vector<std::future<void>> futures;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: declare 'parlint::TaskGroup group;' before it and hand each iteration's work to 'group.submit(...)' with the same callable and arguments
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    futures.push_back(std::async(std::launch::async,
                                 [item](auto &&sum) { sum.get() += item; },
                                 std::ref(total)));
  for (auto &f : futures)
    f.get();
}

// near-miss: a thread is used after it started.
void indexed(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { ... group.post(work, item); ... }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items) {
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(work, item);
    (void)threads.back().get_id();
  }
  for (auto &t : threads)
    t.join();
}

// near-miss: the container is moved away.
std::vector<std::thread> moved(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(work, item); }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(work, item);
  std::vector<std::thread> kept = std::move(threads);
  return kept;
}

// near-miss: the threads are joined only on one branch.
void conditionalJoin(const std::vector<int> &items, bool wait) {
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(work, item); }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(work, item);
  if (wait)
    for (auto &t : threads)
      t.join();
  else
    for (auto &t : threads)
      t.detach();
}

// near-miss: the threads are detached, nothing waits for them.
void detached(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(work, item); }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(work, item);
  for (auto &t : threads)
    t.detach();
}

// near-miss: the join loop does more than join.
int joinAndCount(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(work, item); }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(work, item);
  int joined = 0;
  for (auto &t : threads) {
    t.join();
    ++joined;
  }
  return joined;
}

// near-miss: the jthread's callable takes its std::stop_token, which a pool
// task does not get.
void stopToken(const std::vector<int> &items) {
  std::vector<std::jthread> threads;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::jthread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(watch, item);
}

// near-miss: each thread waits for all the others: on a pool with fewer
// workers than items, the first tasks would wait forever.
void waitsForOthers(const std::vector<int> &items) {
  std::latch all(static_cast<std::ptrdiff_t>(items.size()));
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back([&all, item] {
      all.arrive_and_wait();
      work(item);
    });
  for (auto &t : threads)
    t.join();
}

thread_local int calls = 0;

// near-miss: thread_local state is per item with one thread per item, shared
// between items on a pool's reused workers.
void threadLocalState(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: declare 'parlint::TaskGroup group;' before it and hand each iteration's work to 'group.post(...)' with the same callable and arguments; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back([item] {
      calls = 0;
      work(item + calls);
    });
  for (auto &t : threads)
    t.join();
}

// near-miss: a loop that reads input: each thread may serve a peer for as
// long as it stays, and a bounded pool would make the next ones wait.
void perLine(std::istream &in) {
  std::vector<std::thread> threads;
  std::string line;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; while (std::getline(in, line)) { group.post(work, static_cast<int>(line.size())); }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop's condition reads input, so it runs once per input
  while (std::getline(in, line))
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(work, static_cast<int>(line.size()));
  for (auto &t : threads)
    t.join();
}

// near-miss: two kinds of workers start in the same loop: one finding for
// the loop, a note at the second spawn, no rewrite and no pool version.
void twoSpawns(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  std::vector<std::future<long>> futures;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items) {
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    threads.emplace_back(work, item);
    // EXPECT-NOTE@+1:23 calling std::async here too, on every iteration of the same loop
    futures.push_back(std::async(std::launch::async, compute, item));
  }
  for (auto &t : threads)
    t.join();
  for (auto &f : futures)
    f.get();
}

// near-miss: the stored thread is used as a value.
void storedThreadUsed(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { ... group.post(work, item); ... }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items) {
    // EXPECT-WARNING@+1:28 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    std::thread &started = threads.emplace_back(work, item);
    started.join();
  }
}

// near-miss: the loop is a case of a switch: a declaration before it would
// be jumped over by the next case.
long inSwitch(int mode, const std::vector<int> &items) {
  std::vector<std::future<long>> futures;
  switch (mode) {
  case 0:
    // EXPECT-NOTE@+2:5 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { futures.push_back(group.submit(compute, item)); }'
    // EXPECT-NOTE@+1:5 the loop iterates over a container or range, so its trip count grows with the input
    for (int item : items)
      // EXPECT-WARNING@+1:25 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      futures.push_back(std::async(std::launch::async, compute, item));
    break;
  default:
    return 0;
  }
  long total = 0;
  for (auto &f : futures)
    total += f.get();
  return total;
}

// near-miss: the futures are stored by index into a pre-sized container.
void presized(const std::vector<int> &items) {
  std::vector<std::future<long>> futures(items.size());
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (std::size_t i = 0; i < items.size(); ++i) { futures[i] = group.submit(compute, items[i]); }'
  // EXPECT-NOTE@+1:3 the loop's bound is derived from a container's size
  for (std::size_t i = 0; i < items.size(); ++i)
    // EXPECT-WARNING@+1:18 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    futures[i] = std::async(std::launch::async, compute, items[i]);
  for (auto &f : futures)
    f.get();
}
