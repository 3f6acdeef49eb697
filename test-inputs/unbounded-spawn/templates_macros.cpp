#include <thread>
#include <vector>

void handle(int item);

#define START_DETACHED(x) std::thread(handle, x).detach()

template <typename Container> void spawn_all(const Container &items) {
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(handle, item); }'; wait for its tasks with 'group.wait()'
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    std::thread(handle, item).detach(); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}

// Instantiated twice: reported once, at the template.
template void spawn_all(const std::vector<int> &);
template void spawn_all(const std::vector<long> &);

// near-miss: a template argument is a constant in every instantiation, even
// a large one: not input.
template <int N> void spawn_n() {
  std::vector<std::thread> threads;
  for (int i = 0; i < N; ++i)
    threads.emplace_back(handle, i);
  for (auto &t : threads)
    t.join();
}

void instantiate() {
  spawn_n<4>();
  spawn_n<200>();
}

// near-miss: an uninstantiated template with a small constant bound
template <typename T> void small_template(const T &value) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back(handle, i);
  for (auto &t : threads)
    t.join();
}

struct Dispatcher {
  std::vector<std::thread> workers;
  void dispatch(const std::vector<int> &jobs) {
    // EXPECT-NOTE@+1:5 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int job : jobs) { group.post(handle, job); }'; wait for its tasks with 'group.wait()'
    for (int job : jobs) // EXPECT-NOTE:5 the loop iterates over a container or range, so its trip count grows with the input
      workers.emplace_back(handle, job); // EXPECT-WARNING:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  }
};

void macro_spawn(const std::vector<int> &items) {
  for (int item : items) // EXPECT-NOTE:3 the loop iterates over a container or range, so its trip count grows with the input
    START_DETACHED(item); // EXPECT-WARNING:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
}

void nested_lambda(const std::vector<std::vector<int>> &groups) {
  auto run_group = [](const std::vector<int> &group) {
    // EXPECT-NOTE@+1:5 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup task_group; for (int item : group) { task_group.post(handle, item); }'; wait for its tasks with 'task_group.wait()'
    for (int item : group) // EXPECT-NOTE:5 the loop iterates over a container or range, so its trip count grows with the input
      std::thread(handle, item).detach(); // EXPECT-WARNING:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  };
  for (const auto &group : groups)
    run_group(group);
}

void exception_path(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  try {
    // EXPECT-NOTE@+1:5 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(handle, item); }'; wait for its tasks with 'group.wait()'
    for (int item : items) // EXPECT-NOTE:5 the loop iterates over a container or range, so its trip count grows with the input
      threads.emplace_back(handle, item); // EXPECT-WARNING:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
  } catch (...) {
  }
  for (auto &t : threads)
    t.join();
}
