// Copies that parlint reports without a fix-it: moving would change
// behaviour and a reference could outlive its object, so a note says why
// and what to write instead.
#include <functional>
#include <future>
#include <map>
#include <set>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

void consume(std::vector<int> rows);
void summarize(const std::vector<int> &rows);
void index(const std::map<int, int> &table);
int count(std::set<long> keys);

// Still used after the launch, and the thread is detached.
void usedAfterDetach() {
  std::vector<int> rows(1000);
  std::thread worker(summarize, rows); // EXPECT-WARNING:33 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  worker.detach();
  rows.clear(); // EXPECT-NOTE:3 'rows' may be used here after the launch, so it is not moved; pass std::cref(rows) if the thread is finished before it goes out of scope
}

// Declared outside the loop that launches: a move would empty it for the
// second launch.
void launchInLoop(int batches) {
  std::vector<int> rows(1000);
  std::vector<std::thread> pool;
  for (int i = 0; i < batches; ++i) // EXPECT-NOTE:3 this loop launches the thread again while 'rows' lives on, so it is not moved; pass std::cref(rows) if the thread is finished before it goes out of scope
    pool.emplace_back(summarize, rows); // EXPECT-WARNING:34 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  for (auto &t : pool)
    t.join();
}

// A const parameter cannot be moved; the thread escapes the function.
std::thread startIndexing(const std::map<int, int> &table) {
  return std::thread(index, table); // EXPECT-WARNING:29 'table' (std::map<int, int>) is copied into the new thread; move it or pass a reference that outlives the thread
  // EXPECT-NOTE@-1:29 'table' cannot be moved from here; pass std::cref(table) if the thread is finished before it goes out of scope
}

// A reference to the container outlives the launch.
void aliased() {
  std::vector<int> rows(10);
  std::vector<int> &view = rows; // EXPECT-NOTE:28 a reference or pointer to 'rows' is taken here, so it is not moved; pass std::cref(rows) if the thread is finished before it goes out of scope
  std::thread worker(consume, rows); // EXPECT-WARNING:31 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  view.push_back(1);
  worker.join();
}

// A member copied into a detached thread.
class Cache {
public:
  void refreshLater() {
    std::thread(&Cache::rebuild, this, entries_).detach(); // EXPECT-WARNING:40 'entries_' (std::unordered_map<int, int>) is copied into the new thread; move it or pass a reference that outlives the thread
    // EXPECT-NOTE@-1:40 'entries_' cannot be moved from here; pass std::cref(entries_) if the thread is finished before it goes out of scope
  }

private:
  void rebuild(std::unordered_map<int, int> snapshot);
  std::unordered_map<int, int> entries_;
};

// The future escapes, so nothing waits before 'keys' dies.
std::future<int> countLater() {
  std::set<long> keys{1, 2, 3};
  auto result = std::async(std::launch::async, count, keys); // EXPECT-WARNING:55 'keys' (std::set<long>) is copied into the new task; move it or pass a reference that outlives the task
  keys.insert(4); // EXPECT-NOTE:3 'keys' may be used here after the launch, so it is not moved; pass std::cref(keys) if the task is finished before it goes out of scope
  return result;
}

// Captured by copy, but also read again after the launch.
void captureThenReuse() {
  std::vector<int> rows(1000);
  std::thread worker([rows] { summarize(rows); }); // EXPECT-WARNING:23 'rows' (std::vector<int>) is captured by copy into the new thread; move it into the capture or capture a reference that outlives the thread
  summarize(rows); // EXPECT-NOTE:13 'rows' may be used here after the launch, so it is not moved; capture it by reference if the thread is finished before 'rows' goes out of scope
  worker.join();
}

// An implicit [=] capture: reported at the first use inside the lambda.
void implicitCaptureInLoop(int rounds) {
  std::map<int, int> table;
  for (int i = 0; i < rounds; ++i) { // EXPECT-NOTE:3 this loop launches the thread again while 'table' lives on, so it is not moved; capture it by reference if the thread is finished before 'table' goes out of scope
    std::thread worker([=] { index(table); }); // EXPECT-WARNING:36 'table' (std::map<int, int>) is captured by copy into the new thread; move it into the capture or capture a reference that outlives the thread
    worker.join();
  }
}

// Both arguments copy the same vector: moving the first would hand the
// second a moved-from object.
void twice() {
  std::vector<int> rows(100);
  std::thread worker([](std::vector<int> a, std::vector<int> b) {}, rows, rows); // EXPECT-WARNING:69 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  // EXPECT-NOTE@-1:75 'rows' may be used here after the launch, so it is not moved; pass std::cref(rows) if the thread is finished before it goes out of scope
  // EXPECT-WARNING@-2:75 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  // EXPECT-NOTE@-3:69 'rows' may be used here after the launch, so it is not moved; pass std::cref(rows) if the thread is finished before it goes out of scope
  worker.join();
}

// A nested lambda launches from inside a worker; the variable belongs to the
// enclosing function, so it is not moved from the inner one.
void nested() {
  std::vector<int> rows(100);
  std::thread outer([&rows] {
    std::thread inner(consume, rows); // EXPECT-WARNING:32 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
    // EXPECT-NOTE@-1:32 'rows' cannot be moved from here; pass std::cref(rows) if the thread is finished before it goes out of scope
    inner.join();
  });
  outer.join();
}

// An exception handler copies into a worker; the thread is detached.
void onFailure(const std::vector<int> &fallback) {
  try {
    summarize(fallback);
  } catch (...) {
    std::thread(summarize, fallback).detach(); // EXPECT-WARNING:28 'fallback' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
    // EXPECT-NOTE@-1:28 'fallback' cannot be moved from here; pass std::cref(fallback) if the thread is finished before it goes out of scope
  }
}
