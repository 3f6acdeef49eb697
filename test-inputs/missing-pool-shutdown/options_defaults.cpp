// Without configuration only boost::asio::thread_pool is a pool. Types with
// the same member names, including parlint's own pool (whose destructor
// finishes queued tasks and joins), stay silent.
#include <functional>

void process(int item);

namespace parlint {
class ThreadPool {
public:
  explicit ThreadPool(unsigned threads);
  ~ThreadPool(); // finishes queued tasks, then joins
  void submit(std::function<void()> task);
  void join();
};
} // namespace parlint

namespace myns {
struct Pool {
  explicit Pool(int threads);
  void submit(std::function<void()> task);
  void join();
};
} // namespace myns

// near-miss: parlint::ThreadPool is safe to destroy with work queued.
void runtimePool() {
  parlint::ThreadPool pool(4);
  pool.submit([] { process(1); });
}

// near-miss: a project type that is not configured as a pool.
void unconfiguredPool() {
  myns::Pool pool(2);
  pool.submit([] { process(2); });
}

// near-miss: a look-alike named thread_pool outside boost::asio.
namespace asio {
struct thread_pool {
  explicit thread_pool(int) {}
  void join() {}
};
template <class F> void post(thread_pool &, F f) { f(); }
} // namespace asio
void lookAlikeAsio() {
  asio::thread_pool pool(2);
  asio::post(pool, [] { process(3); });
}
