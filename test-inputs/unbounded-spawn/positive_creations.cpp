// RUN-STD: c++20
// A worker created per input item is costly even when few run at a time:
// that is what a pool of reused workers fixes. Each shape says which case it is.
#include <deque>
#include <future>
#include <thread>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

void handle(int item);
int compute(int item);

void joined_each_iteration(const std::vector<int> &items) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { ... group.post(handle, item); ... }'; wait for its tasks with 'group.wait()'
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    std::thread t(handle, item); // EXPECT-WARNING:17 starting a std::thread and waiting for it in the same iteration of a loop without a small bound runs the items one at a time and creates a thread per item; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    t.join();
  }
}

void async_get_each_iteration(const std::vector<int> &items) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.submit(handle, item).get(); }'
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    std::async(std::launch::async, handle, item).get(); // EXPECT-WARNING:5 calling std::async and waiting for it in the same iteration of a loop without a small bound runs the items one at a time and creates a thread per item; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}

void async_local_future(const std::vector<int> &items) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { ... auto done = group.submit(handle, item); ... }'
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    auto done = std::async(std::launch::async, handle, item); // EXPECT-WARNING:17 calling std::async and waiting for it in the same iteration of a loop without a small bound runs the items one at a time and creates a thread per item; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    (void)done;
  }
}

void discarded_async(const std::vector<int> &items) {
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    std::async(handle, item); // EXPECT-WARNING:5 calling std::async and waiting for it in the same iteration of a loop without a small bound runs the items one at a time and creates a thread per item; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}

void jthread_per_iteration(const std::vector<int> &items) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(handle, item); }'; wait for its tasks with 'group.wait()'
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    std::jthread worker(handle, item); // EXPECT-WARNING:18 starting a std::jthread and waiting for it in the same iteration of a loop without a small bound runs the items one at a time and creates a thread per item; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
}

void fork_and_wait(const std::vector<int> &items) {
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    pid_t pid = fork(); // EXPECT-WARNING:17 calling fork and waiting for it in the same iteration of a loop without a small bound runs the items one at a time and creates a process per item; use a bounded pool such as parlint::ProcessPool
    if (pid == 0) {
      handle(item);
      _exit(0);
    }
    waitpid(pid, nullptr, 0);
  }
}

// Four lanes per layer, joined per layer: few at once, but 4 x layers threads.
void lanes_per_layer(const std::vector<std::vector<int>> &layers) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (const auto &layer : layers) { ... group.post(handle, layer[lane]); ... }'; wait for its tasks with 'group.wait()'
  for (const auto &layer : layers) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    std::vector<std::thread> lanes;
    for (int lane = 0; lane < 4; ++lane)
      lanes.emplace_back(handle, layer[lane]); // EXPECT-WARNING:7 starting a std::thread in batches inside a loop without a small bound creates threads in proportion to the input even though each batch is waited for; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup, which reuses its workers
    for (auto &t : lanes)
      t.join();
  }
}

// A constant inner loop whose threads are joined in the same inner iteration.
void inner_joined(const std::vector<int> &items) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { ... group.post(handle, item + attempt); ... }'; wait for its tasks with 'group.wait()'
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    for (int attempt = 0; attempt < 3; ++attempt) {
      std::thread t(handle, item + attempt); // EXPECT-WARNING:19 starting a std::thread in batches inside a loop without a small bound creates threads in proportion to the input even though each batch is waited for; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup, which reuses its workers
      t.join();
    }
  }
}

// A sliding window of at most 8 futures: one std::async per item all the same.
int sliding_window(const std::vector<int> &items) {
  std::deque<std::future<int>> window;
  int total = 0;
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { ... window.push_back(group.submit(compute, item)); ... }'
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    if (window.size() == 8) {
      total += window.front().get();
      window.pop_front();
    }
    window.push_back(std::async(std::launch::async, compute, item)); // EXPECT-WARNING:22 calling std::async on every iteration of a loop without a small bound creates a thread per item even though only a few run at once; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup, which reuses its workers
  }
  for (auto &f : window)
    total += f.get();
  return total;
}

// The same window over threads, joined oldest first.
void thread_window(const std::vector<int> &items) {
  std::deque<std::thread> running;
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { ... group.post(handle, item); ... }'; wait for its tasks with 'group.wait()'
  for (int item : items) { // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    if (running.size() >= 4) {
      running.front().join();
      running.pop_front();
    }
    running.emplace_back(handle, item); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates a thread per item even though only a few run at once; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup, which reuses its workers
  }
  for (auto &t : running)
    t.join();
}

// near-miss: a small constant loop whose threads are joined: bounded.
void small_batch(int seed) {
  for (int i = 0; i < 4; ++i) {
    std::thread t(handle, seed + i);
    t.join();
  }
}
