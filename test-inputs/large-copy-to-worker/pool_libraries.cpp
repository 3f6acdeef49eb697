// Tasks queued on thread-pool libraries decay-copy their arguments and their
// by-copy captures like std::thread does: CTPL's push and the single-header
// ThreadPool's enqueue bind the arguments; BS::thread_pool's detach_task
// copies the lambda.
#include <functional>
#include <future>
#include <string>
#include <vector>

// Stand-ins with the libraries' names and the shape of their APIs.
namespace ctpl {
class thread_pool {
public:
  explicit thread_pool(int threads);
  template <typename F, typename... Args>
  std::future<void> push(F &&f, Args &&...args) {
    queue(std::bind(f, 0, args...));
    return {};
  }
  void stop(bool wait = false);

private:
  void queue(std::function<void()> task);
};
} // namespace ctpl

namespace BS {
class thread_pool {
public:
  template <typename F> void detach_task(F &&task) { queue(task); }
  void wait();

private:
  void queue(std::function<void()> task);
};
} // namespace BS

class ThreadPool {
public:
  template <typename F, typename... Args> void enqueue(F &&f, Args &&...args) {
    queue(std::bind(f, args...));
  }

private:
  void queue(std::function<void()> task);
};

long count(int id, const std::vector<std::string> &lines);
long measure(const std::vector<std::string> &lines);

void ctplCopies(ctpl::thread_pool &pool, const std::vector<std::string> &lines) {
  for (int round = 0; round < 3; ++round)
    // EXPECT-WARNING@+2:22 'lines' (std::vector<std::string>) is copied into the new task; move it or pass a reference that outlives the task
    // EXPECT-NOTE@+1:22 'lines' cannot be moved from here; pass std::cref(lines) if the task is finished before it goes out of scope
    pool.push(count, lines);
  pool.stop(true);
}

void enqueueCopies(ThreadPool &pool, const std::vector<std::string> &lines) {
  // EXPECT-WARNING@+2:25 'lines' (std::vector<std::string>) is copied into the new task; move it or pass a reference that outlives the task
  // EXPECT-NOTE@+1:25 'lines' cannot be moved from here; pass std::cref(lines) if the task is finished before it goes out of scope
  pool.enqueue(measure, lines);
}

void bsCaptureCopies(BS::thread_pool &pool, const std::vector<std::string> &lines) {
  // EXPECT-WARNING@+2:21 'lines' (std::vector<std::string>) is captured by copy into the new task; move it into the capture or capture a reference that outlives the task
  // EXPECT-NOTE@+1:21 'lines' cannot be moved from here; capture it by reference if the task is finished before 'lines' goes out of scope
  pool.detach_task([lines] { measure(lines); });
  pool.wait();
}

// near-miss: a reference wrapper and a by-reference capture copy nothing.
void byReference(ctpl::thread_pool &pool, BS::thread_pool &bs,
                 const std::vector<std::string> &lines) {
  pool.push(count, std::cref(lines));
  bs.detach_task([&lines] { measure(lines); });
  pool.stop(true);
  bs.wait();
}
