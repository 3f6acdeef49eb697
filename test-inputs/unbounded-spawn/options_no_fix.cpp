// RUN-CONFIG: {CheckOptions: {parlint-unbounded-spawn.FixToRuntime: false}}
// FixToRuntime off: no rewrite, only the note with the loop on a pool.
#include <future>
#include <thread>
#include <vector>

long compute(int);
void work(int);

long futures(const std::vector<int> &items) {
  std::vector<std::future<long>> results;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { results.push_back(group.submit(compute, item)); }'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    results.push_back(std::async(std::launch::async, compute, item));
  long total = 0;
  for (auto &r : results)
    total += r.get();
  return total;
}

void threads(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+2:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (int item : items) { group.post(work, item); }'; wait for its tasks with 'group.wait()'
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    workers.emplace_back(work, item);
  for (auto &w : workers)
    w.join();
}
