// What the messages say: a bounded pool, with parlint's shared pool through
// a parlint::TaskGroup as one option, except inside a class that is itself a pool; notes quote at most
// one short line of the code and name no function the code does not have.
#include <functional>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

void work(int item);

// A vector of threads that happens to be called thread_pool: the note on its
// join loop names the function of the group the fix writes, not the vector's.
void joinLoop(const std::vector<int> &items) {
  std::vector<std::thread> thread_pool;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    thread_pool.emplace_back(work, item);
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  for (auto &t : thread_pool)
    t.join();
}

// A long task: the note says what to change instead of pasting the lambda.
void longTask(const std::vector<int> &items, std::mutex &lock, int &total) {
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: declare 'parlint::TaskGroup group;' before it and hand each iteration's work to 'group.post(...)' with the same callable and arguments; wait for its tasks with 'group.wait()'
  for (int item : items) {
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    std::thread([item, &lock, &total] {
      int square = item * item;
      std::lock_guard<std::mutex> hold(lock);
      total += square;
    }).detach();
  }
}

// A class that is a pool of its own (worker threads and a task queue): the
// advice is a bounded pool, without naming another, and no rewrite.
class MiniPool {
public:
  void runEach(const std::vector<int> &items) {
    std::vector<std::thread> extra;
    // EXPECT-NOTE@+1:5 the loop iterates over a container or range, so its trip count grows with the input
    for (int item : items)
      // EXPECT-WARNING@+1:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool
      extra.emplace_back(work, item);
    for (auto &t : extra)
      t.join();
  }

private:
  std::vector<std::thread> workers_;
  std::queue<std::function<void()>> tasks_;
};
