// Members are initialized in the order they are declared: one declared
// below the thread member is set after the thread's initializer started the
// worker that reads it. Near misses: the same member declared above the
// thread, and a member below it that the worker never reads.
#include <atomic>
#include <thread>
#include <vector>

class Smoother {
public:
  Smoother(std::vector<double> samples, double alpha)
      // EXPECT-NOTE@+1:39 the worker is started here
      : samples_(std::move(samples)), worker_(&Smoother::run, this),
        // EXPECT-WARNING@+1:9 'alpha_' is initialized after 'worker_', whose initializer starts the worker that reads it: members are initialized in the order they are declared; declare 'alpha_' above 'worker_'
        alpha_(alpha), label_("ewma") {}
  ~Smoother() { worker_.join(); }
  double result() const { return average_; }

private:
  void run() {
    double avg = 0;
    for (double s : samples_)
      // EXPECT-NOTE@+1:13 the worker reads 'alpha_' here
      avg = alpha_ * s + (1 - alpha_) * avg;
    average_ = avg;
  }

  std::vector<double> samples_;
  double average_ = 0;
  std::thread worker_;
  double alpha_;
  const char *label_;
};

class OrderedSmoother {
public:
  OrderedSmoother(std::vector<double> samples, double alpha)
      : samples_(std::move(samples)), alpha_(alpha),
        worker_(&OrderedSmoother::run, this) {}
  ~OrderedSmoother() { worker_.join(); }

private:
  void run() {
    double avg = 0;
    for (double s : samples_)
      avg = alpha_ * s + (1 - alpha_) * avg;
    average_ = avg;
  }

  std::vector<double> samples_;
  double alpha_;
  double average_ = 0;
  std::thread worker_;
};

void smooth(std::vector<double> samples) {
  Smoother late(samples, 0.5);
  OrderedSmoother early(samples, 0.5);
}

// A worker polling a stop flag reads the later member in its loop, through
// a method: the flag, which the constructor never stores, orders nothing.
class Heartbeat {
public:
  // EXPECT-NOTE@+2:41 the worker is started here
  // EXPECT-NOTE@+1:58 the worker reads 'interval_ms_' through this call of 'Heartbeat::run'
  explicit Heartbeat(int interval_ms) : worker_([this] { run(); }),
                                        // EXPECT-WARNING@+1:41 'interval_ms_' is initialized after 'worker_', whose initializer starts the worker that reads it: members are initialized in the order they are declared; declare 'interval_ms_' above 'worker_'
                                        interval_ms_(interval_ms) {}
  ~Heartbeat() {
    stop_.store(true);
    worker_.join();
  }

private:
  void run() {
    while (!stop_.load())
      waited_ += interval_ms_;
  }
  std::atomic<bool> stop_{false};
  std::thread worker_;
  int interval_ms_;
  long waited_ = 0;
};

// Near miss: the constructor's body hands the worker the go-ahead after
// every initializer ran.
class GatedHeartbeat {
public:
  explicit GatedHeartbeat(int interval_ms)
      : worker_([this] { run(); }), interval_ms_(interval_ms) {
    ready_.store(true, std::memory_order_release);
  }
  ~GatedHeartbeat() { worker_.join(); }

private:
  void run() {
    while (!ready_.load(std::memory_order_acquire)) {
    }
    waited_ += interval_ms_;
  }
  std::atomic<bool> ready_{false};
  std::thread worker_;
  int interval_ms_;
  long waited_ = 0;
};
