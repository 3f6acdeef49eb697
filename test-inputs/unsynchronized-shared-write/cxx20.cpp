// RUN-STD: c++20
// C++20: std::jthread, std::atomic_ref, std::span, std::latch.
#include <atomic>
#include <latch>
#include <span>
#include <stop_token>
#include <thread>
#include <vector>

int score(int value);
void show(long value);

// jthreads in a vector: joined by their destructors, overlapping meanwhile.
long jthreadSum(const std::vector<int> &values) {
  long total = 0;
  {
    std::vector<std::jthread> workers;
    // EXPECT-NOTE@+1:5 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
    for (int value : values)
      // EXPECT-WARNING@+1:46 unsynchronized write to 'total' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      workers.emplace_back([&total, value] { total += value; });
  }
  return total;
}

// The parent reads while the jthread runs; its destructor joins later.
void jthreadEarly() {
  int state = 0;
  // EXPECT-WARNING@+1:46 unsynchronized write to 'state' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  std::jthread worker([&](std::stop_token) { state = score(1); });
  // EXPECT-NOTE@+1:8 the launching thread reads 'state' here while the worker may still be running
  show(state);
}

// Two jthreads with a stop token append to one vector.
void stopTokens(std::vector<int> &out) {
  std::jthread a([&](std::stop_token token) {
    while (!token.stop_requested())
      // EXPECT-WARNING@+2:7 unsynchronized call to 'push_back' on 'out' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      // EXPECT-NOTE@+1:7 another worker writes 'out' here
      out.push_back(1);
  });
  std::jthread b([&](std::stop_token token) {
    if (!token.stop_requested())
      // EXPECT-NOTE@+2:7 another worker writes 'out' here
      // EXPECT-WARNING@+1:7 unsynchronized call to 'push_back' on 'out' in a worker that runs alongside another worker using it; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      out.push_back(2);
  });
}

// near-miss: the jthread's destructor joins before the read.
long jthreadScoped() {
  long value = 0;
  {
    std::jthread worker([&] { value = score(2); });
  }
  return value;
}

// near-miss: std::atomic_ref makes every access atomic.
long atomicRef(const std::vector<int> &values) {
  long total = 0;
  std::vector<std::jthread> workers;
  for (int value : values)
    workers.emplace_back([&total, value] { std::atomic_ref<long>(total) += value; });
  workers.clear();
  return total;
}

// near-miss: slots of a span, one per worker.
void spans(std::span<int> out) {
  std::vector<std::jthread> workers;
  for (size_t i = 0; i < out.size(); ++i)
    workers.emplace_back([out, i] { out[i] = score(static_cast<int>(i)); });
}

// near-miss: a latch orders the workers' writes before the parent's read.
int latched() {
  int result = 0;
  std::latch done(1);
  std::jthread worker([&] {
    result = score(3);
    done.count_down();
  });
  done.wait();
  return result;
}

// An init-capture by reference names the same object.
void initCapture(std::vector<int> &items) {
  std::vector<std::jthread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 2; ++i)
    // EXPECT-WARNING@+1:47 unsynchronized call to 'push_back' on 'items' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    workers.emplace_back([&list = items, i] { list.push_back(i); });
}
