// A thread or process started on every iteration of a loop that grows with
// the input: each case must be reported at the spawning call, with a note at
// the loop.
#include <future>
#include <map>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include <pthread.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

void work(int);
void handle(int);
void *entry(void *);
extern char **environ;

void rangeFor(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    workers.emplace_back(work, item); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &w : workers)
    w.join();
}

void sizeBound(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  for (size_t i = 0; i < items.size(); ++i) // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    workers.push_back(std::thread(work, items[i])); // EXPECT-WARNING:23 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &w : workers)
    w.join();
}

void sizeThroughLocal(const std::map<int, int> &table) {
  const auto count = table.size();
  std::vector<std::thread> workers;
  for (size_t i = 0; i < count; ++i) // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    workers.emplace_back(work, static_cast<int>(i)); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &w : workers)
    w.join();
}

void iteratorRange(const std::vector<int> &items) {
  std::vector<std::future<void>> results;
  for (auto it = items.begin(); it != items.end(); ++it) // EXPECT-NOTE:3 the loop walks an iterator range
    results.push_back(std::async(std::launch::async, work, *it)); // EXPECT-WARNING:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}

void defaultPolicyAsync(const std::vector<int> &items) {
  std::vector<std::future<void>> results;
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    results.push_back(std::async(work, item)); // EXPECT-WARNING:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}

void acceptLoop(int listener) {
  while (true) { // EXPECT-NOTE:3 the loop has no exit condition
    int client = accept(listener, nullptr, nullptr);
    std::thread(handle, client).detach(); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
}

void readLoop(int fd) {
  char buffer[64];
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; while (read(fd, buffer, sizeof buffer) > 0) { ... group.post(handle, buffer[0]); ... }'; wait for its tasks with 'group.wait()'
  while (read(fd, buffer, sizeof buffer) > 0) { // EXPECT-NOTE:3 the loop's condition reads input, so it runs once per input
    std::thread t(handle, buffer[0]); // EXPECT-WARNING:17 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    t.detach();
  }
}

void queueDrain(std::queue<int> &jobs) {
  std::vector<std::thread> workers;
  while (!jobs.empty()) { // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    workers.emplace_back(work, jobs.front()); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    jobs.pop();
  }
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &w : workers)
    w.join();
}

void pthreadPerItem(const std::vector<int> &items) {
  std::vector<pthread_t> ids(items.size());
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (size_t i = 0; i < items.size(); ++i) { group.post(entry, nullptr); }'; wait for its tasks with 'group.wait()'
  for (size_t i = 0; i < items.size(); ++i) // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    pthread_create(&ids[i], nullptr, entry, nullptr); // EXPECT-WARNING:5 calling pthread_create on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (pthread_t id : ids)
    pthread_join(id, nullptr);
}

void forkPerItem(const std::vector<std::string> &paths) {
  for (const std::string &path : paths) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    if (fork() == 0) { // EXPECT-WARNING:9 calling fork on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool such as parlint::ProcessPool
      handle(static_cast<int>(path.size()));
      _exit(0);
    }
  }
}

void spawnPerItem(const std::vector<std::string> &commands) {
  for (const std::string &command : commands) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    pid_t pid;
    char *argv[] = {const_cast<char *>("/bin/sh"), const_cast<char *>("-c"),
                    const_cast<char *>(command.c_str()), nullptr};
    posix_spawn(&pid, "/bin/sh", nullptr, nullptr, argv, environ); // EXPECT-WARNING:5 calling posix_spawn on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool such as parlint::ProcessPool
  }
}

struct Server {
  std::vector<std::thread> sessions;
  void start(const std::vector<int> &clients) {
    // EXPECT-NOTE@+1:5 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int c : clients) { group.post(handle, c); }'; wait for its tasks with 'group.wait()'
    for (int c : clients) // EXPECT-NOTE:5 the loop iterates over a container or range, so its trip count grows with the input
      sessions.emplace_back(handle, c); // EXPECT-WARNING:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
};

template <typename Container> void generic(const Container &items) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (const auto &item : items) { group.post(work, item); }'; wait for its tasks with 'group.wait()'
  for (const auto &item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    workers.emplace_back(work, item); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (auto &w : workers)
    w.join();
}
template void generic(const std::vector<int> &);
template void generic(const std::vector<long> &);

#define START_WORKER(list, x) list.emplace_back(work, x)
void viaMacro(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    START_WORKER(workers, item); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (auto &w : workers)
    w.join();
}

void nestedLambdaLoop(const std::vector<int> &items) {
  auto launchAll = [&] {
    std::vector<std::thread> workers;
    for (int item : items) // EXPECT-NOTE:5 the loop iterates over a container or range, so its trip count grows with the input
      workers.emplace_back(work, item); // EXPECT-WARNING:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    // EXPECT-NOTE@+1:5 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
    for (auto &w : workers)
      w.join();
  };
  launchAll();
}
