// What a pointer of the launching function points to, when neither it nor
// the worker points it elsewhere, is one object both threads reach through
// it: a raw pointer or a std::shared_ptr captured by copy, a std::unique_ptr
// captured by reference. Near misses: the pointer pointed at a new object
// before the read, one object made per launch inside the launching loop,
// another member read, and the read after the join.
#include <memory>
#include <thread>
#include <vector>

struct Totals {
  long bytes = 0;
  int files = 0;
};

long rawPointer() {
  Totals *totals = new Totals;
  // EXPECT-WARNING@+1:23 unsynchronized write to 'totals->bytes' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread t([=] { totals->bytes += 512; });
  // EXPECT-NOTE@+1:15 the launching thread reads 'totals->bytes' here while the worker may still be running
  long seen = totals->bytes;
  t.join();
  delete totals;
  return seen;
}

long sharedCopy() {
  auto totals = std::make_shared<Totals>();
  // EXPECT-WARNING@+1:28 unsynchronized write to 'totals->files' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread t([totals] { ++totals->files; });
  // EXPECT-NOTE@+1:14 the launching thread reads 'totals->files' here while the worker may still be running
  int seen = (*totals).files;
  t.join();
  return seen;
}

long uniqueByReference() {
  auto totals = std::make_unique<Totals>();
  // EXPECT-WARNING@+1:23 unsynchronized write to 'totals->bytes' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread t([&] { totals->bytes = 4096; });
  // EXPECT-NOTE@+1:15 the launching thread reads 'totals->bytes' here while the worker may still be running
  long seen = totals->bytes;
  t.join();
  return seen;
}

long pointedElsewhere() {
  auto totals = std::make_shared<Totals>();
  std::thread t([totals] { totals->bytes += 1; });
  totals = std::make_shared<Totals>();
  long seen = totals->bytes;
  t.join();
  return seen;
}

long onePerLaunch(int n) {
  std::vector<std::thread> workers;
  for (int i = 0; i < n; ++i) {
    auto mine = std::make_shared<Totals>();
    workers.emplace_back([mine] { mine->bytes += 64; });
  }
  for (auto &w : workers)
    w.join();
  return n;
}

long anotherMember() {
  Totals *totals = new Totals;
  std::thread t([totals] { totals->bytes += 512; });
  int files = totals->files;
  t.join();
  delete totals;
  return files;
}

long afterTheJoin() {
  auto totals = std::make_unique<Totals>();
  std::thread t([&] { totals->bytes = 4096; });
  t.join();
  return totals->bytes;
}
