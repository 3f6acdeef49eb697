// A pool of the program's own whose submit() returns each task's future.
// The tasks each fill their own slot of a tally; the caller keeps the
// futures in a vector and get()s every one before it submits the task
// that sums the slots, so the sum meets no slot's write. The positive: a
// progress line that sums the slots before the futures are waited for.
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

class TaskPool {
public:
  explicit TaskPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      threads_.emplace_back([this] { serve(); });
  }
  ~TaskPool() {
    {
      std::lock_guard<std::mutex> hold(mu_);
      closing_ = true;
    }
    wake_.notify_all();
    for (auto &t : threads_)
      t.join();
  }
  template <class F> std::future<void> submit(F fn) {
    std::packaged_task<void()> task(std::move(fn));
    std::future<void> done = task.get_future();
    {
      std::lock_guard<std::mutex> hold(mu_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
    return done;
  }

private:
  void serve() {
    for (;;) {
      std::packaged_task<void()> task;
      {
        std::unique_lock<std::mutex> hold(mu_);
        wake_.wait(hold, [this] { return closing_ || !tasks_.empty(); });
        if (tasks_.empty())
          return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::packaged_task<void()>> tasks_;
  bool closing_ = false;
  std::vector<std::thread> threads_;
};

struct Tally {
  long counts[8] = {};
  long total = 0;
};

static void count_part(Tally &tally, int part) {
  for (int i = 0; i < 2000000; ++i)
    if ((part * 31 + i) % 7 == 0)
      // EXPECT-WARNING@+1:7 unsynchronized write to 'tally.counts' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
      tally.counts[part]++;
}

static void sum_parts(Tally &tally) {
  for (long c : tally.counts)
    tally.total += c;
}

long tally_all(TaskPool &pool) {
  Tally tally;
  std::vector<std::future<void>> parts;
  for (int p = 0; p < 8; ++p)
    parts.push_back(pool.submit([&tally, p] { count_part(tally, p); }));
  for (auto &part : parts)
    part.get();
  std::future<void> summed = pool.submit([&tally] { sum_parts(tally); });
  summed.get();
  return tally.total;
}

long tally_with_progress(TaskPool &pool) {
  Tally tally;
  std::vector<std::future<void>> parts;
  for (int p = 0; p < 8; ++p)
    // EXPECT-NOTE@+2:47 the worker makes the write through this call of 'count_part'
    // EXPECT-NOTE@+1:21 the worker is started here
    parts.push_back(pool.submit([&tally, p] { count_part(tally, p); }));
  long so_far = 0;
  // EXPECT-NOTE@+1:17 the launching thread reads 'tally.counts' here while the worker may still be running
  for (long c : tally.counts)
    so_far += c;
  std::printf("so far: %ld\n", so_far);
  for (auto &part : parts)
    part.get();
  return tally.counts[0];
}

int main() {
  TaskPool pool(3);
  std::printf("%ld %ld\n", tally_all(pool), tally_with_progress(pool));
}
