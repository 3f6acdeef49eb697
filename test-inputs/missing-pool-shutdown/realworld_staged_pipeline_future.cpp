// Mirrors: boostorg/asio example/cpp11/executors/pipeline.cpp:284 and
// example/cpp14/executors/pipeline.cpp:276 (missing-pool-shutdown).
// A stage function is bound to the pool with bind_executor and handed to a
// template that posts it on its associated executor; the last stage's future is
// waited, and that stage only finishes after the pooled stage has closed its
// output. The pooled work is complete when f.wait() returns, but only through
// the data flow between stages. Debatable; parlint should stay silent
// (the pool is handed to code that returns a future that main waits).
#include <boost/asio/associated_executor.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_future.hpp>

#include <condition_variable>
#include <future>
#include <memory>
#include <mutex>
#include <thread>

struct Channel {
  std::mutex m;
  std::condition_variable cv;
  bool closed = false;
  void close() {
    std::lock_guard<std::mutex> lock(m);
    closed = true;
    cv.notify_all();
  }
  void waitClosed() {
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [this] { return closed; });
  }
};

void produce(std::shared_ptr<Channel> out) { out->close(); }

template <class Stage> std::future<void> run(Stage stage) {
  auto ch = std::make_shared<Channel>();
  // The middle stage runs on whatever executor it is bound to.
  auto ex = boost::asio::get_associated_executor(stage);
  boost::asio::post(ex, [stage, ch]() mutable { stage(ch); });
  // The last stage runs on its own thread and finishes once the channel closes.
  return std::async(std::launch::async, [ch] { ch->waitClosed(); });
}

// near-miss (debatable): pooled work awaited through the last stage's future.
int main() {
  boost::asio::thread_pool pool(1);
  auto f = run(boost::asio::bind_executor(pool, produce));
  f.wait();
}
