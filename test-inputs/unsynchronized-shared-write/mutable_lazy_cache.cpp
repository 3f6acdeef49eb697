// A const method that fills a `mutable` cache on first use, called on one
// object through const references by two tasks: a const parameter still
// lets its mutable members be written. Near miss: the cache filled under
// std::call_once.
#include <cmath>
#include <functional>
#include <future>
#include <mutex>
#include <vector>

class Vec {
public:
  explicit Vec(std::vector<double> v) : v_(std::move(v)) {}
  double norm() const {
    double n = norm_;
    if (n < 0) {
      n = 0;
      for (double x : v_)
        n += x * x;
      // EXPECT-WARNING@+1:7 unsynchronized write to 'query.norm_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      norm_ = std::sqrt(n);
    }
    return norm_;
  }

private:
  std::vector<double> v_;
  mutable double norm_ = -1.0;
};

class OnceVec {
public:
  explicit OnceVec(std::vector<double> v) : v_(std::move(v)) {}
  double norm() const {
    std::call_once(once_, [this] {
      double n = 0;
      for (double x : v_)
        n += x * x;
      norm_ = std::sqrt(n);
    });
    return norm_;
  }

private:
  std::vector<double> v_;
  mutable std::once_flag once_;
  mutable double norm_ = 0;
};

// EXPECT-NOTE@+1:56 the worker makes the write through this call of 'norm'
static double scaled(const Vec &q, double by) { return q.norm() * by; }
static double scaled_once(const OnceVec &q, double by) { return q.norm() * by; }

double score_both(const std::vector<double> &values) {
  Vec query(values);
  OnceVec once(values);
  auto a = std::async(std::launch::async, scaled, std::cref(query), 1.0);
  // EXPECT-NOTE@+1:12 the same worker is launched again here, and both may run at the same time
  auto b = std::async(std::launch::async, scaled, std::cref(query), 2.0);
  auto c = std::async(std::launch::async, scaled_once, std::cref(once), 1.0);
  auto d = std::async(std::launch::async, scaled_once, std::cref(once), 2.0);
  return a.get() + b.get() + c.get() + d.get();
}
