// A thread pool the project writes itself (worker threads and a queue of
// callables as members, model/Pools' isPoolImplementation): a public member
// function that takes a callable and adds it to the queue queues a task,
// whatever its name, and the tasks run at once on the pool's threads.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class WorkQueue {
public:
  explicit WorkQueue(unsigned threads) {
    for (unsigned i = 0; i < threads; ++i)
      threads_.emplace_back([this] { loop(); });
  }
  ~WorkQueue() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread &t : threads_)
      t.join();
  }
  void schedule(std::function<void()> task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    ready_.notify_one();
  }
  // Runs the task on the caller's thread: queues nothing.
  void runNow(const std::function<void()> &task) { task(); }

private:
  void loop() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
        if (stopping_ && tasks_.empty())
          return;
        task = std::move(tasks_.front());
        tasks_.pop_front();
      }
      task();
    }
  }
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

int countRejected(const std::vector<int> &sizes, unsigned threads) {
  int rejected = 0;
  {
    WorkQueue queue(threads);
    // EXPECT-NOTE@+1:5 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
    for (int size : sizes)
      queue.schedule([&rejected, size] {
        if (size > 4096)
          // EXPECT-WARNING@+1:11 unsynchronized write to 'rejected' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
          ++rejected;
      });
  }
  return rejected;
}

// near-miss: the count is taken under a lock.
int countRejectedLocked(const std::vector<int> &sizes, unsigned threads) {
  int rejected = 0;
  std::mutex mutex;
  {
    WorkQueue queue(threads);
    for (int size : sizes)
      queue.schedule([&rejected, &mutex, size] {
        std::lock_guard<std::mutex> lock(mutex);
        if (size > 4096)
          ++rejected;
      });
  }
  return rejected;
}

// near-miss: runNow runs each task on this thread, one after the other.
int countRejectedInPlace(const std::vector<int> &sizes, unsigned threads) {
  int rejected = 0;
  WorkQueue queue(threads);
  for (int size : sizes)
    queue.runNow([&rejected, size] {
      if (size > 4096)
        ++rejected;
    });
  return rejected;
}
