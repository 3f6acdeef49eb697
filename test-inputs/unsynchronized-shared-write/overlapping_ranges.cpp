// Ranges handed to each thread as launch arguments or captures, with the
// end of one at the start of the next. Near misses: the same ranges ended
// with `<`, and a range computed by division (not followed: silent).
#include <cstddef>
#include <functional>
#include <thread>
#include <vector>

static void scale(std::vector<float> &v, std::size_t lo, std::size_t hi) {
  // EXPECT-NOTE@+1:28 each launch's range of 'i' ends at the first value of the next launch's range, so neighbouring workers both write there; stop before it ('<' rather than '<=')
  for (std::size_t i = lo; i <= hi && i < v.size(); ++i)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'values' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    v[i] *= 2.0f;
}

void scale_all(std::vector<float> &values, std::size_t workers) {
  std::vector<std::thread> threads;
  std::size_t chunk = values.size() / workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (std::size_t t = 0; t < workers; ++t)
    threads.emplace_back(scale, std::ref(values), t * chunk, (t + 1) * chunk);
  for (auto &th : threads)
    th.join();
}

void square_all(std::vector<double> &values) {
  std::vector<std::thread> threads;
  const int workers = 4;
  int chunk = static_cast<int>(values.size()) / workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < workers; ++t) {
    int first = t * chunk;
    threads.emplace_back([&values, first, chunk] {
      // EXPECT-NOTE@+1:27 each launch's range of 'i' runs 2 values into the next launch's range, so neighbouring workers both write there; end each range where the next one begins
      for (int i = first; i < first + chunk + 2; ++i)
        // EXPECT-WARNING@+1:9 unsynchronized write to 'values' in a worker launched several times at once; guard every access with one mutex, or give each worker its own slot and combine them once all have finished
        values[i] = values[i] * values[i];
    });
  }
  for (auto &th : threads)
    th.join();
}

// Near misses.
static void negate(std::vector<float> &v, std::size_t lo, std::size_t hi) {
  for (std::size_t i = lo; i < hi; ++i)
    v[i] = -v[i];
}

void negate_all(std::vector<float> &values, std::size_t workers) {
  std::vector<std::thread> threads;
  std::size_t chunk = values.size() / workers;
  for (std::size_t t = 0; t < workers; ++t)
    threads.emplace_back(negate, std::ref(values), t * chunk, (t + 1) * chunk);
  for (auto &th : threads)
    th.join();
}

void halve_all(std::vector<double> &values, int workers) {
  std::vector<std::thread> threads;
  int n = static_cast<int>(values.size());
  for (int t = 0; t < workers; ++t)
    threads.emplace_back([&values, t, n, workers] {
      for (int i = t * n / workers; i < (t + 1) * n / workers; ++i)
        values[i] /= 2;
    });
  for (auto &th : threads)
    th.join();
}

void clamp_all(std::vector<double> &values) {
  std::vector<std::thread> threads;
  const int workers = 4;
  int chunk = static_cast<int>(values.size()) / workers;
  for (int t = 0; t < workers; ++t)
    threads.emplace_back([&values, t, chunk] {
      for (int i = t * chunk; i <= (t + 1) * chunk - 1; ++i)
        values[i] = values[i] > 1.0 ? 1.0 : values[i];
    });
  for (auto &th : threads)
    th.join();
}
