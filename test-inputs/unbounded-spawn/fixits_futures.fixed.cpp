// A container of futures filled with std::async in a loop over the input:
// the loop gets a parlint::TaskGroup before it (its tasks run on the
// process-wide pool) and each std::async call becomes group.submit(...),
// which returns the same std::future; the code that collects the futures does
// not change. The program prints the same sums
// before and after the fix (the harness builds and runs both).
#include <parlint/task_group.h>

#include <cstdio>
#include <functional>
#include <future>
#include <string>
#include <vector>

static long square(int x) { return static_cast<long>(x) * x; }

static void addTo(long &slot, int x) { slot += square(x); }

// launch::async, collected by a range-for.
long sumOfSquares(const std::vector<int> &items) {
  std::vector<std::future<long>> futures;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  parlint::TaskGroup group;
  for (int item : items)
    // EXPECT-WARNING@+1:23 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    futures.push_back(group.submit(square, item));
  long total = 0;
  for (auto &f : futures)
    total += f.get();
  return total;
}

// The default policy, a lambda, emplace_back, reserve() and an indexed
// collection: all kept.
long sumOfLengths(const std::vector<std::string> &words) {
  std::vector<std::future<std::size_t>> lengths;
  lengths.reserve(words.size());
  // EXPECT-NOTE@+1:3 the loop's bound is derived from a container's size
  parlint::TaskGroup group;
  for (std::size_t i = 0; i < words.size(); ++i)
    // EXPECT-WARNING@+1:26 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    lengths.emplace_back(group.submit([&words, i] { return words[i].size(); }));
  std::size_t total = 0;
  for (std::size_t i = 0; i < lengths.size(); ++i)
    total += lengths[i].get();
  return static_cast<long>(total);
}

// std::ref into a function whose parameter is a reference: submit binds it
// to the same object std::async does.
long viaReferences(const std::vector<int> &items) {
  std::vector<long> slots(items.size());
  std::vector<std::future<void>> done;
  // EXPECT-NOTE@+1:3 the loop's bound is derived from a container's size
  parlint::TaskGroup group;
  for (std::size_t i = 0; i < items.size(); ++i)
    // EXPECT-WARNING@+1:20 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    done.push_back(group.submit(addTo, std::ref(slots[i]), items[i]));
  for (auto &d : done)
    d.wait();
  long total = 0;
  for (long s : slots)
    total += s;
  return total;
}

// The function already has a `group`: the new one takes another name. The
// spawn sits in a small inner loop; the group goes before the input loop.
long pairs(const std::vector<int> &items) {
  long group = 0;
  std::vector<std::future<long>> futures;
  // EXPECT-NOTE@+1:3 the loop iterates over a container or range, so its trip count grows with the input
  parlint::TaskGroup task_group;
  for (int item : items)
    for (int k = 0; k < 2; ++k)
      // EXPECT-WARNING@+1:25 calling std::async on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      futures.push_back(task_group.submit(square, item + k));
  for (auto &f : futures)
    group += f.get();
  return group;
}

int main() {
  std::vector<int> items;
  for (int i = 1; i <= 40; ++i)
    items.push_back(i);
  std::vector<std::string> words = {"bounded", "pool", "of", "workers"};
  std::printf("%ld %ld %ld %ld\n", sumOfSquares(items), sumOfLengths(words),
              viaReferences(items), pairs(items));
  return 0;
}
