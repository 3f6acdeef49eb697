#include <future>
#include <istream>
#include <string>
#include <thread>
#include <vector>
#include <parlint/task_group.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

void handle(int item);
void *run_item(void *arg);

void range_for_detach(const std::vector<int> &items) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(handle, item); }'; wait for its tasks with 'group.wait()'
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    std::thread(handle, item).detach(); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
}

void size_bound_emplace(const std::vector<int> &items) {
  parlint::TaskGroup group;
  for (size_t i = 0; i < items.size(); ++i) // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    group.post(handle, items[i]); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  group.wait();
}

void local_size_variable(const std::vector<int> &items) {
  parlint::TaskGroup group;
  const auto n = items.size();
  for (size_t i = 0; i < n; ++i) // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    group.post(handle, items[i]); // EXPECT-WARNING:23 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  group.wait();
}

void iterator_range_async(const std::vector<int> &items) {
  std::vector<std::future<void>> results;
  parlint::TaskGroup group;
  for (auto it = items.begin(); it != items.end(); ++it) // EXPECT-NOTE:3 the loop walks an iterator range
    results.push_back(group.submit(handle, *it)); // EXPECT-WARNING:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (auto &r : results)
    r.get();
}

void server(int listener) {
  while (true) { // EXPECT-NOTE:3 the loop has no exit condition
    int client = accept(listener, nullptr, nullptr);
    std::thread(handle, client).detach(); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
}

void flag_server(int listener, const bool &running) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; while (running) { ... group.post(handle, client); ... }'; wait for its tasks with 'group.wait()'
  while (running) { // EXPECT-NOTE:3 the loop reads input on every iteration, so it runs once per input
    int client = accept(listener, nullptr, nullptr);
    std::thread(handle, client).detach(); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
}

void getline_loop(std::istream &in) {
  std::string line;
  std::vector<std::future<void>> results;
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: declare 'parlint::TaskGroup group;' before it and hand each iteration's work to 'group.submit(...)' with the same callable and arguments
  while (std::getline(in, line)) // EXPECT-NOTE:3 the loop's condition reads input, so it runs once per input
    results.push_back(std::async(handle, static_cast<int>(line.size()))); // EXPECT-WARNING:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}

void pthreads(std::vector<int> &items) {
  std::vector<pthread_t> ids(items.size());
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (size_t i = 0; i < items.size(); ++i) { group.post(run_item, &items[i]); }'; wait for its tasks with 'group.wait()'
  for (size_t i = 0; i < items.size(); ++i) // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    pthread_create(&ids[i], nullptr, run_item, &items[i]); // EXPECT-WARNING:5 calling pthread_create on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  for (pthread_t id : ids)
    pthread_join(id, nullptr);
}

void fork_per_item(const std::vector<int> &items) {
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    if (fork() == 0) { // EXPECT-WARNING:9 calling fork on every iteration of a loop without a small bound creates an unbounded number of processes; use a bounded pool such as parlint::ProcessPool
      handle(item);
      _exit(0);
    }
  }
}

void drain_queue(std::vector<int> &queue) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; while (!queue.empty()) { ... group.post(handle, job); ... }'; wait for its tasks with 'group.wait()'
  while (!queue.empty()) { // EXPECT-NOTE:3 the loop's bound is derived from a container's size
    int job = queue.back();
    queue.pop_back();
    std::thread(handle, job).detach(); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
}
