// RUN-STD: c++20
// The launching thread hands state to a running worker under the lock, then
// sets the ready flag after the unlock and notifies. The worker's wait
// tests the flag under the lock, but nothing the launching thread does
// after storing it publishes it: the two meet. Near miss: the flag set
// under the lock.
#include <condition_variable>
#include <mutex>
#include <thread>

class Replica {
public:
  void install(long version) {
    {
      std::lock_guard<std::mutex> hold(mu_);
      version_ = version;
    }
    // EXPECT-WARNING@+1:5 unsynchronized write to 'replica.installed_' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
    installed_ = true;
    cv_.notify_all();
  }
  void installLocked(long version) {
    std::lock_guard<std::mutex> hold(mu_);
    version_ = version;
    installed_ = true;
    cv_.notify_all();
  }
  long await() {
    std::unique_lock<std::mutex> hold(mu_);
    cv_.wait(hold, [this] { return installed_; });
    return version_;
  }

private:
  std::mutex mu_;
  std::condition_variable cv_;
  long version_ = 0;
  bool installed_ = false;
};

long follow() {
  Replica replica;
  long seen = 0;
  // EXPECT-NOTE@+2:15 the worker is started here
  // EXPECT-NOTE@+1:36 the worker reads 'replica.installed_' through this call of 'Replica::await'
  std::thread applier([&] { seen = replica.await(); });
  // EXPECT-NOTE@+1:3 the launching thread makes the write through this call of 'Replica::install'
  replica.install(7);
  applier.join();
  return seen;
}

long followLocked() {
  Replica replica;
  long seen = 0;
  std::thread applier([&] { seen = replica.await(); });
  replica.installLocked(7);
  applier.join();
  return seen;
}
