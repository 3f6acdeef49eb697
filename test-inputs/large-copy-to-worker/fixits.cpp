// Copies with a safe rewrite: std::move when nothing reads the variable
// after the launch, std::cref/std::ref when the worker takes a reference and
// is finished before the variable dies.
#include <deque>
#include <functional>
#include <future>
#include <list>
#include <map>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

void consume(std::vector<int> rows);
void summarize(const std::vector<int> &rows);
void fill(std::deque<int> &queue);
int total(const std::list<int> &values);

struct Frame {
  char pixels[16384];
};
void render(Frame frame);

std::vector<int> load();

// Last use: moved.
void lastUse() {
  std::vector<int> rows = load();
  std::thread worker(consume, rows); // EXPECT-WARNING:31 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  worker.join();
}

// A by-value parameter is a local too.
void byValueParameter(std::vector<int> rows) {
  std::thread(consume, rows).detach(); // EXPECT-WARNING:24 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
}

// Read before the launch only.
void readBefore() {
  std::vector<int> rows = load();
  summarize(rows);
  std::thread worker(consume, rows); // EXPECT-WARNING:31 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  worker.join();
}

// A large object, moved.
void largeObject() {
  Frame frame{};
  std::thread painter(render, frame); // EXPECT-WARNING:31 'frame' (Frame, 16384 bytes) is copied into the new thread; move it or pass a reference that outlives the thread
  painter.join();
}

// Declared inside the loop: each iteration has its own vector.
void perIteration(int batches) {
  for (int i = 0; i < batches; ++i) {
    std::vector<int> rows = load();
    std::thread(consume, rows).detach(); // EXPECT-WARNING:26 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  }
}

// Used after the launch, but the thread is joined first on every path and
// takes a const reference: std::cref.
void joinedThenReused() {
  std::vector<int> rows = load();
  std::thread worker(summarize, rows); // EXPECT-WARNING:33 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  worker.join();
  rows.clear();
}

// near-miss: std::ref already hands over a reference (a copy into a
// non-const reference parameter would not even compile).
void joinedMutable() {
  std::deque<int> queue;
  std::thread filler(fill, std::ref(queue));
  filler.join();
  std::deque<int> other;
  // near-miss: a lambda taking a reference, given std::ref.
  std::thread second([](std::deque<int> &q) { q.push_back(1); }, std::ref(other));
  second.join();
}

// A const parameter joined on every path, including the early return.
void joinedOnEveryPath(const std::vector<int> &rows, bool quick) {
  std::thread worker(summarize, rows); // EXPECT-WARNING:33 'rows' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  if (quick) {
    worker.join();
    return;
  }
  worker.join();
}

// std::async's future blocks in its destructor before 'values' dies.
int waited() {
  std::list<int> values{1, 2, 3};
  std::future<int> sum = std::async(std::launch::async, total, values); // EXPECT-WARNING:64 'values' (std::list<int>) is copied into the new task; move it or pass a reference that outlives the task
  values.push_back(4);
  return sum.get();
}

// Explicit and implicit by-copy captures at their last use.
void captures() {
  std::vector<int> rows = load();
  std::thread first([rows] { summarize(rows); }); // EXPECT-WARNING:22 'rows' (std::vector<int>) is captured by copy into the new thread; move it into the capture or capture a reference that outlives the thread
  std::unordered_set<int> seen;
  std::thread second([=] { (void)seen.size(); }); // EXPECT-WARNING:34 'seen' (std::unordered_set<int>) is captured by copy into the new thread; move it into the capture or capture a reference that outlives the thread
  first.join();
  second.join();
}

// A mutable lambda keeps working on its moved-in copy.
void mutableCapture() {
  std::vector<int> rows = load();
  std::thread worker([rows]() mutable { rows.push_back(1); consume(rows); }); // EXPECT-WARNING:23 'rows' (std::vector<int>) is captured by copy into the new thread; move it into the capture or capture a reference that outlives the thread
  worker.join();
}

// An init-capture that copies.
void initCapture() {
  std::map<int, int> table;
  std::thread worker([snapshot = table] { (void)snapshot.size(); }); // EXPECT-WARNING:34 'table' (std::map<int, int>) is copied into the new thread; move it or pass a reference that outlives the thread
  worker.join();
}

// A member function's copied argument.
class Exporter {
public:
  void exportAll() {
    std::vector<int> batch = load();
    std::thread writer(&Exporter::write, this, batch); // EXPECT-WARNING:48 'batch' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
    writer.join();
  }

private:
  void write(std::vector<int> batch);
};
