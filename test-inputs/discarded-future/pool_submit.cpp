// parlint::ThreadPool::submit returns a future that carries the task's
// exception; thrown away, the exception is lost. post() keeps the first one
// for wait_idle().
#include <functional>
#include <future>
#include <vector>

void work();
int compute(int value);

namespace parlint {
class ThreadPool {
public:
  explicit ThreadPool(unsigned threads = 0);
  template <class F, class... Args>
  auto submit(F &&f, Args &&...args) -> std::future<decltype(f(args...))> {
    return {};
  }
  template <class F> void post(F &&f) {}
  void wait_idle();
};
} // namespace parlint

// Discarded submit.
void discardedSubmit(parlint::ThreadPool &pool) {
  // EXPECT-WARNING@+1:3 the future returned by parlint::ThreadPool::submit is discarded, so an exception thrown by the task is lost; use post(), whose first exception wait_idle() rethrows
  pool.submit(work);
}

// In a loop, cast to void.
void loopSubmit(parlint::ThreadPool &pool, const std::vector<int> &values) {
  for (int value : values)
    // EXPECT-WARNING@+1:11 the future returned by parlint::ThreadPool::submit is discarded, so an exception thrown by the task is lost; use post(), whose first exception wait_idle() rethrows
    (void)pool.submit(compute, value);
}

// Through a pointer, in a lambda.
void lambdaSubmit(parlint::ThreadPool *pool) {
  // EXPECT-WARNING@+1:34 the future returned by parlint::ThreadPool::submit is discarded, so an exception thrown by the task is lost; use post(), whose first exception wait_idle() rethrows
  auto enqueue = [pool](int v) { pool->submit([v] { compute(v); }); };
  enqueue(1);
}

// near-miss: post() is fire-and-forget by design.
void posted(parlint::ThreadPool &pool) {
  pool.post(work);
  pool.wait_idle();
}

// near-miss: the future of submit is kept and waited.
int kept(parlint::ThreadPool &pool) {
  auto result = pool.submit(compute, 1);
  return result.get();
}

// near-miss: submit's futures collected and drained.
int collected(parlint::ThreadPool &pool, const std::vector<int> &values) {
  std::vector<std::future<int>> results;
  for (int value : values)
    results.push_back(pool.submit(compute, value));
  int sum = 0;
  for (auto &result : results)
    sum += result.get();
  return sum;
}

// near-miss: a pool-like type of another library.
namespace other {
struct Pool {
  std::future<void> submit(std::function<void()> task);
};
} // namespace other
void otherPool(other::Pool &pool) { pool.submit(work); }
