// A thread member started in the constructor's member initializer list runs
// before the constructor's body: the body's writes to what the thread reads
// race with it. Near misses: a member given its value in the initializer
// list, a member the thread never reads, and writes under the mutex the
// thread reads under.
#include <mutex>
#include <string>
#include <thread>

class HealthMonitor {
public:
  explicit HealthMonitor(int interval, int probes)
      // EXPECT-NOTE@+1:26 the worker is started here
      : probes_(probes), worker_(&HealthMonitor::run, this) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'interval_ms_' in the constructor's body, after the member initializer of 'worker_' started the worker that reads it; initialize it in the member initializer list before 'worker_' (declared above it), make it std::atomic, or guard every access with one mutex
    interval_ms_ = interval > 0 ? interval : 1000;
    label_ = "monitor";
  }
  ~HealthMonitor() { worker_.join(); }

private:
  void run() {
    long due = 0;
    for (int n = 0; n < probes_; ++n)
      // EXPECT-NOTE@+1:14 the worker reads 'interval_ms_' here
      due += interval_ms_;
    scheduled_ = due;
  }

  int probes_;
  int interval_ms_ = 0;
  long scheduled_ = 0;
  std::string label_;
  std::thread worker_;
};

// Near miss: every member the thread reads gets its value before the thread
// member is initialized.
class Ticker {
public:
  explicit Ticker(int interval)
      : interval_ms_(interval > 0 ? interval : 1000), worker_([this] { run(); }) {
    name_ = "ticker";
  }
  ~Ticker() { worker_.join(); }

private:
  void run() {
    for (int i = 0; i < 10; ++i)
      total_ += interval_ms_;
  }
  int interval_ms_;
  long total_ = 0;
  std::string name_;
  std::thread worker_;
};

// Near miss: the body writes under the mutex the thread reads under.
class Poller {
public:
  Poller() : worker_([this] { run(); }) {
    std::lock_guard<std::mutex> lock(mutex_);
    limit_ = 100;
  }
  ~Poller() { worker_.join(); }

private:
  void run() {
    for (int i = 0; i < 10; ++i) {
      std::lock_guard<std::mutex> lock(mutex_);
      seen_ += limit_;
    }
  }
  std::mutex mutex_;
  int limit_ = 0;
  long seen_ = 0;
  std::thread worker_;
};
