// A thread-pool library's pool alive at a fork has threads running.
#include <functional>
#include <future>
#include <string>
#include <unistd.h>
#include <vector>

// A stand-in with CTPL's names and the shape of its API.
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

void render(const std::string &name);

// EXPECT-NOTE@+1:38 pool 'pool' is alive at the fork, its threads running
void forkWithPool(ctpl::thread_pool &pool, const std::vector<std::string> &names) {
  pool.push([&](int) { render(names.front()); });
  // EXPECT-WARNING@+1:7 fork() while other threads may be running, and the child calls 'render' before exec, which is not async-signal-safe: a lock another thread held at the fork stays locked in the child; fork before starting threads, or call only async-signal-safe functions until exec or _exit
  if (fork() == 0) {
    // EXPECT-NOTE@+1:5 the child calls 'render' here, before exec or _exit
    render(names.back());
    _exit(0);
  }
}

// near-miss: the pool is stopped (and waited) before the fork.
void forkAfterStop(const std::vector<std::string> &names) {
  ctpl::thread_pool pool(2);
  pool.push([&](int) { render(names.front()); });
  pool.stop(true);
  if (fork() == 0) {
    render(names.back());
    _exit(0);
  }
}
