// Members are initialized in the order they are declared: one declared
// below the thread member is set after the thread's initializer started the
// worker that reads it. Near misses: the same member declared above the
// thread, and a member below it that the worker never reads.
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
