// RUN-STD: c++20
// A pool's own workers: each waits on the condition variable for a task,
// runs it after releasing the lock, then updates a statistic of the pool.
// The wait hands each worker its task; it does not order the workers with
// each other, so an unlocked update of a member they all write is a race,
// also when the loop is a member function the workers' lambda calls, and
// also in a class named like a pool the model knows. Near misses: the same
// update under the lock, and workers that take turns through a semaphore.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <semaphore>
#include <thread>
#include <vector>

class ThreadPool {
public:
  explicit ThreadPool(unsigned workers) {
    // EXPECT-NOTE@+1:5 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
    for (unsigned i = 0; i < workers; ++i)
      // EXPECT-NOTE@+1:38 the worker makes the write through this call of 'workerLoop'
      threads_.emplace_back([this] { workerLoop(); });
  }
  ~ThreadPool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closing_ = true;
    }
    wake_.notify_all();
    for (std::thread &t : threads_)
      t.join();
  }
  void enqueue(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push_back(std::move(job));
    }
    wake_.notify_one();
  }

private:
  void workerLoop() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return closing_ || !jobs_.empty(); });
        if (jobs_.empty())
          return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
      // EXPECT-WARNING@+1:7 unsynchronized write to 'finished_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      finished_ += 1;
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool closing_ = false;
  std::size_t finished_ = 0;
  std::vector<std::thread> threads_;
};

// near-miss: the statistic is updated under the queue's lock.
class Crawler {
public:
  explicit Crawler(unsigned workers) {
    for (unsigned i = 0; i < workers; ++i)
      threads_.emplace_back([this] { crawl(); });
  }
  ~Crawler() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      done_ = true;
    }
    more_.notify_all();
    for (std::thread &t : threads_)
      t.join();
  }

private:
  void crawl() {
    for (;;) {
      std::unique_lock<std::mutex> lock(mutex_);
      more_.wait(lock, [this] { return done_ || !urls_.empty(); });
      if (urls_.empty())
        return;
      urls_.pop_front();
      ++visited_;
    }
  }

  std::mutex mutex_;
  std::condition_variable more_;
  std::deque<int> urls_;
  bool done_ = false;
  long visited_ = 0;
  std::vector<std::thread> threads_;
};

// near-miss: the workers take turns through a binary semaphore used as a
// lock around the update.
long turns;
std::binary_semaphore turn{1};

void takeTurns(unsigned workers) {
  std::vector<std::thread> threads;
  for (unsigned i = 0; i < workers; ++i)
    threads.emplace_back([] {
      turn.acquire();
      ++turns;
      turn.release();
    });
  for (std::thread &t : threads)
    t.join();
}
