// RUN-STD: c++20
// An object whose constructor starts a member worker, created with
// std::make_unique or new and used through the pointer: its getter, called
// while the worker runs, reads what the worker writes. Near misses: the
// getter called after the method that joins the worker, and a getter that
// takes the lock the worker writes under.
#include <memory>
#include <mutex>
#include <thread>

class Crawler {
public:
  // EXPECT-NOTE@+2:15 the worker is started here and kept in 'worker_'
  // EXPECT-NOTE@+1:32 the worker makes the write through this call of 'run'
  Crawler() : worker_([this] { run(); }) {}
  ~Crawler() { stop(); }
  void stop() {
    if (worker_.joinable())
      worker_.join();
  }
  long pages() const { return pages_; }
  long links() const {
    std::lock_guard<std::mutex> hold(mu_);
    return links_;
  }

private:
  void run() {
    for (int i = 0; i < 100; ++i) {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'pages_' in a worker that runs while other code calls its object's methods; make it std::atomic, guard every access with one mutex, or publish the value once the worker has finished
      ++pages_;
      std::lock_guard<std::mutex> hold(mu_);
      links_ += 3;
    }
  }
  mutable std::mutex mu_;
  long pages_ = 0;
  long links_ = 0;
  std::thread worker_;
};

long progress() {
  auto crawler = std::make_unique<Crawler>();
  // EXPECT-NOTE@+1:10 'pages' reads 'pages_' here while the object's worker may still be running
  return crawler->pages() + crawler->links();
}

long finished() {
  Crawler *crawler = new Crawler();
  crawler->stop();
  long total = crawler->pages() + crawler->links();
  delete crawler;
  return total;
}
