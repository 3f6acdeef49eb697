// Writes of a worker while another worker, or the launching thread, touches
// the same object.
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int score(int value);
void show(const std::string &text);
void show(long value);

// Two different workers append to one vector.
std::vector<int> gather() {
  std::vector<int> found;
  std::thread evens([&] {
    for (int i = 0; i < 100; i += 2)
      // EXPECT-WARNING@+2:7 unsynchronized call to 'push_back' on 'found' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      // EXPECT-NOTE@+1:7 another worker writes 'found' here
      found.push_back(i);
  });
  std::thread odds([&] {
    for (int i = 1; i < 100; i += 2)
      // EXPECT-NOTE@+2:7 another worker writes 'found' here
      // EXPECT-WARNING@+1:7 unsynchronized call to 'push_back' on 'found' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      found.push_back(i);
  });
  evens.join();
  odds.join();
  return found;
}

// One worker writes, the other reads the size meanwhile.
void progress(std::vector<int> &items) {
  // EXPECT-WARNING@+1:30 unsynchronized call to 'push_back' on 'items' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread producer([&] { items.push_back(score(1)); });
  // EXPECT-NOTE@+1:53 another worker reads 'items' here
  std::thread reporter([&] { show(static_cast<long>(items.size())); });
  producer.join();
  reporter.join();
}

// One writer locks, the other does not: the lock protects nothing.
void halfLocked() {
  std::mutex lock;
  long total = 0;
  std::thread careful([&] {
    std::lock_guard<std::mutex> guard(lock);
    // EXPECT-NOTE@+1:5 another worker writes 'total' here
    total += 1;
  });
  // EXPECT-WARNING@+1:30 unsynchronized write to 'total' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread careless([&] { total += 2; });
  careful.join();
  careless.join();
}

// Two different mutexes.
void twoMutexes() {
  std::mutex first, second;
  std::string log;
  std::thread a([&] {
    std::lock_guard<std::mutex> guard(first);
    // EXPECT-WARNING@+2:5 unsynchronized write to 'log' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 another worker writes 'log' here without holding the lock taken at the write
    log += "a";
  });
  std::thread b([&] {
    std::lock_guard<std::mutex> guard(second);
    // EXPECT-NOTE@+2:5 another worker writes 'log' here without holding the lock taken at the write
    // EXPECT-WARNING@+1:5 unsynchronized write to 'log' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    log += "b";
  });
  a.join();
  b.join();
}

// std::async tasks writing one variable.
long asyncTasks() {
  long last = 0;
  // EXPECT-WARNING@+2:49 unsynchronized write to 'last' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  // EXPECT-NOTE@+1:49 another worker writes 'last' here
  auto a = std::async(std::launch::async, [&] { last = score(1); });
  // EXPECT-NOTE@+2:29 another worker writes 'last' here
  // EXPECT-WARNING@+1:29 unsynchronized write to 'last' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  auto b = std::async([&] { last = score(2); });
  a.wait();
  b.wait();
  return last;
}

// The parent reads the result before joining.
long readsEarly(const std::vector<int> &values) {
  long total = 0;
  std::thread worker([&] {
    for (int value : values)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'total' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      total += value;
  });
  // EXPECT-NOTE@+1:8 the launching thread reads 'total' here while the worker may still be running
  show(total);
  worker.join();
  return total;
}

// The parent writes while the worker writes.
void bothWrite(std::string &status) {
  // EXPECT-WARNING@+1:28 unsynchronized write to 'status' in a worker that runs while the launching thread uses it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread worker([&] { status = "working"; });
  // EXPECT-NOTE@+1:3 the launching thread writes 'status' here while the worker may still be running
  status = "started";
  worker.join();
}

// A detached thread outlives every read of the parent.
static int s_progress = 0;
void detachedProgress() {
  // EXPECT-WARNING@+1:20 unsynchronized write to 's_progress' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread([] { s_progress = score(3); }).detach();
  // EXPECT-NOTE@+1:26 the launching thread reads 's_progress' here while the worker may still be running
  show(static_cast<long>(s_progress));
}

// The join happens on one path only.
long joinedLate(bool quick) {
  long total = 0;
  // EXPECT-WARNING@+1:28 unsynchronized write to 'total' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread worker([&] { total = score(4); });
  if (quick) {
    worker.join();
    return total;
  }
  // EXPECT-NOTE@+1:16 the launching thread reads 'total' here while the worker may still be running
  long early = total;
  worker.join();
  return early;
}

// The future is waited for after the read.
long futureLate() {
  long value = 0;
  // EXPECT-WARNING@+1:52 unsynchronized write to 'value' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  auto task = std::async(std::launch::async, [&] { value = score(5); });
  // EXPECT-NOTE@+1:16 the launching thread reads 'value' here while the worker may still be running
  long early = value;
  task.get();
  return early;
}

// A member written by a worker on this object while the method reads it.
class Loader {
public:
  void start() {
    // EXPECT-WARNING@+1:36 unsynchronized write to 'loaded_' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    thread_ = std::thread([this] { loaded_ = score(6); });
    // EXPECT-NOTE@+1:9 the launching thread reads 'loaded_' here while the worker may still be running
    if (loaded_ > 0)
      show("already loaded");
  }
  void stop() { thread_.join(); }

private:
  std::thread thread_;
  int loaded_ = 0;
};

// std::vector<bool> packs its elements: a slot each is still one word.
std::vector<bool> flags(const std::vector<int> &values) {
  std::vector<bool> positive(values.size());
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (size_t i = 0; i < values.size(); ++i)
    // EXPECT-WARNING@+1:35 unsynchronized write to 'positive' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    workers.emplace_back([&, i] { positive[i] = values[i] > 0; });
  for (auto &worker : workers)
    worker.join();
  return positive;
}

// Two workers write the same constant element.
void sameElement(std::vector<long> &out) {
  // EXPECT-WARNING@+2:23 unsynchronized write to 'out' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  // EXPECT-NOTE@+1:23 another worker writes 'out' here
  std::thread a([&] { out[0] = score(7); });
  // EXPECT-NOTE@+2:23 another worker writes 'out' here
  // EXPECT-WARNING@+1:23 unsynchronized write to 'out' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::thread b([&] { out[0] += score(8); });
  a.join();
  b.join();
}

// Futures kept in a vector: the parent reads before draining them.
long futuresReadEarly(const std::vector<int> &values) {
  long total = 0;
  std::vector<std::future<void>> pending;
  // EXPECT-WARNING@+1:58 unsynchronized write to 'total' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  pending.push_back(std::async(std::launch::async, [&] { total = score(9); }));
  // EXPECT-NOTE@+1:16 the launching thread reads 'total' here while the worker may still be running
  long early = total;
  for (auto &task : pending)
    task.get();
  return early;
}
