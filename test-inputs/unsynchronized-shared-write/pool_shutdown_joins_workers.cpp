// A thread pool of the program whose shutdown() joins each of its worker
// threads: every task a worker took has finished when it returns (a task
// never taken never runs), so the tasks' slots are the caller's again.
// Reading them before the shutdown still meets the tasks.
#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

class TaskPool {
public:
  using Task = std::function<void()>;

  explicit TaskPool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  void submit(Task t) {
    std::lock_guard<std::mutex> hold(mu_);
    queue_.push_back(std::move(t));
  }
  void shutdown() {
    closed_.store(true);
    for (std::thread &w : workers_)
      w.join();
  }

private:
  void loop() {
    for (;;) {
      Task t;
      {
        std::lock_guard<std::mutex> hold(mu_);
        if (queue_.empty()) {
          if (closed_.load())
            return;
          continue;
        }
        t = std::move(queue_.front());
        queue_.pop_front();
      }
      t();
    }
  }

  std::mutex mu_;
  std::deque<Task> queue_;
  std::atomic<bool> closed_{false};
  std::vector<std::thread> workers_;
};

static std::size_t render(const std::string &slug) { return slug.size() * 3; }

std::size_t total_after_shutdown(const std::vector<std::string> &slugs) {
  std::vector<std::size_t> sizes(slugs.size(), 0);
  TaskPool pool(3);
  for (std::size_t i = 0; i < slugs.size(); ++i)
    pool.submit([&slugs, &sizes, i] { sizes[i] = render(slugs[i]); });
  pool.shutdown();
  std::size_t total = 0;
  for (std::size_t s : sizes)
    total += s;
  return total;
}

std::size_t total_before_shutdown(const std::vector<std::string> &slugs) {
  std::vector<std::size_t> sizes(slugs.size(), 0);
  TaskPool pool(3);
  for (std::size_t i = 0; i < slugs.size(); ++i)
    // EXPECT-NOTE@+2:5 the worker is started here
    // EXPECT-WARNING@+1:39 unsynchronized write to 'sizes' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    pool.submit([&slugs, &sizes, i] { sizes[i] = render(slugs[i]); });
  std::size_t total = 0;
  // EXPECT-NOTE@+1:24 the launching thread reads 'sizes' here while the worker may still be running
  for (std::size_t s : sizes)
    total += s;
  pool.shutdown();
  return total;
}
