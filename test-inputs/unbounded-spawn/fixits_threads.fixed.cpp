// A container of std::thread filled in a loop over the input and joined by
// one later join-all loop: the container becomes a parlint::TaskGroup named
// `group` (its tasks run on the process-wide pool), each spawn
// group.post(...) (which decay-copies like std::thread) and the join-all
// group.wait(). The program prints the same before and after the fix (the
// harness builds and runs both).
#include <parlint/task_group.h>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

struct Total {
  std::mutex lock;
  long value = 0;
  void add(long x) {
    std::lock_guard<std::mutex> guard(lock);
    value += x;
  }
};

static void addSquare(Total &total, int x) { total.add(static_cast<long>(x) * x); }

// emplace_back, joined by a range-for; reserve() goes with the container.
long squares(const std::vector<int> &items) {
  Total total;
  parlint::TaskGroup group;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  for (int item : items)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    group.post(addSquare, std::ref(total), item);
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  group.wait();
  return total.value;
}

// push_back(std::thread(...)) with a lambda, joined by an index loop that
// checks joinable().
long cubes(const std::vector<int> &items) {
  Total total;
  parlint::TaskGroup group;
  // EXPECT-NOTE@+1:3 the loop's bound is derived from a container's size
  for (std::size_t i = 0; i < items.size(); ++i)
    // EXPECT-WARNING@+1:23 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    group.post([&total](long x) { total.add(x * x * x); }, items[i]);
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  group.wait();
  return total.value;
}

// A deque joined with std::for_each and std::mem_fn. The function already
// has a `group`: the new one takes another name.
long doubled(const std::vector<int> &items) {
  Total total;
  const int group = 2;
  parlint::TaskGroup task_group;
  // EXPECT-NOTE@+1:3 the loop walks an iterator range
  for (auto it = items.begin(); it != items.end(); ++it)
    // EXPECT-WARNING@+1:5 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    task_group.post([&total, x = *it] { total.add(group * x); });
  // EXPECT-NOTE@+1:3 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
  task_group.wait();
  return total.value;
}

// Inside a lambda: the container is the lambda's own.
long insideLambda(const std::vector<int> &items) {
  Total total;
  auto run = [&] {
    parlint::TaskGroup group;
    // EXPECT-NOTE@+1:5 the loop iterates over a container or range, so its trip count grows with the input
    for (int item : items) {
      int shifted = item + 1;
      // EXPECT-WARNING@+1:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      group.post(addSquare, std::ref(total), shifted);
    }
    // EXPECT-NOTE@+1:5 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
    group.wait();
  };
  run();
  return total.value;
}

int main() {
  std::vector<int> items;
  for (int i = 1; i <= 30; ++i)
    items.push_back(i);
  std::printf("%ld %ld %ld %ld\n", squares(items), cubes(items), doubled(items),
              insideLambda(items));
  return 0;
}
