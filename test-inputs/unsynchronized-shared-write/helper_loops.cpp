// Workers that call a helper whose write sits in a loop: the loop runs on
// every call and cannot go around without the write, so every call that
// iterates makes it. A shared scratch row filled by every worker is a race;
// near misses: a helper whose loop skips the write with `continue`, and one
// that enters its loop only when a flag says so.
#include <cstddef>
#include <thread>
#include <vector>

static void scaleRow(const std::vector<double> &row, double factor, std::vector<double> &scratch) {
  for (std::size_t j = 0; j < row.size(); ++j)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'scratch' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    scratch[j] = row[j] * factor;
}

double scaledSums(const std::vector<std::vector<double>> &rows, unsigned workers) {
  std::vector<double> scratch(rows.empty() ? 0 : rows[0].size());
  std::vector<double> sums(workers);
  std::vector<std::thread> threads;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (unsigned w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (std::size_t i = w; i < rows.size(); i += workers) {
        // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'scaleRow'
        scaleRow(rows[i], 2.0, scratch);
        for (double v : scratch)
          sums[w] += v;
      }
    });
  for (std::thread &t : threads)
    t.join();
  double total = 0;
  for (double s : sums)
    total += s;
  return total;
}

// Near misses.
bool isPadding(double v);

static void countValues(const std::vector<double> &row, long &counted) {
  for (double v : row) {
    if (isPadding(v))
      continue;
    ++counted;
  }
}

static void traceRow(const std::vector<double> &row, bool tracing, long &traced) {
  if (!tracing)
    return;
  for (std::size_t j = 0; j < row.size(); ++j)
    ++traced;
}

long countAll(const std::vector<std::vector<double>> &rows, unsigned workers, bool tracing) {
  long counted = 0, traced = 0;
  std::vector<std::thread> threads;
  for (unsigned w = 0; w < workers; ++w)
    threads.emplace_back([&, w] {
      for (std::size_t i = w; i < rows.size(); i += workers) {
        countValues(rows[i], counted);
        traceRow(rows[i], tracing, traced);
      }
    });
  for (std::thread &t : threads)
    t.join();
  return counted + traced;
}
