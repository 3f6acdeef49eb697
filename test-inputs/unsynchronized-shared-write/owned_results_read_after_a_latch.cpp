// RUN-STD: c++20
// Builders each fill their own result, reached through a container of
// smart pointers (`std::ref(*results[i])`); the coordinator waits on a
// latch and reads every result (`for (const auto &r : results) r->ms`).
// A field stored after the builder counted down is not published by the
// latch, so the coordinator reads it while the builder writes it. Near
// misses: everything stored before the count-down, and the read after the
// joins.
#include <latch>
#include <memory>
#include <thread>
#include <vector>

struct ShardResult {
  long postings = 0;
  double build_ms = 0;
};

static void build(ShardResult &out, int docs, std::latch &done) {
  out.postings = docs * 3L;
  done.count_down();
  // EXPECT-WARNING@+1:3 unsynchronized write to 'results.build_ms' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
  out.build_ms = docs * 0.5;
}

static void build_then_signal(ShardResult &out, int docs, std::latch &done) {
  out.postings = docs * 3L;
  out.build_ms = docs * 0.5;
  done.count_down();
}

static double slowest(const std::vector<std::unique_ptr<ShardResult>> &results) {
  double worst = 0;
  for (const auto &r : results)
    if (r->build_ms > worst)
      worst = r->build_ms;
  return worst;
}

double coordinate() {
  std::vector<std::unique_ptr<ShardResult>> results;
  for (int i = 0; i < 3; ++i)
    results.push_back(std::make_unique<ShardResult>());
  std::latch done(3);
  std::vector<std::thread> builders;
  for (int i = 0; i < 3; ++i)
    // EXPECT-NOTE@+1:5 the worker is started here
    builders.emplace_back(build, std::ref(*results[i]), 100 * i, std::ref(done));
  done.wait();
  // EXPECT-NOTE@+1:18 the launching thread reads 'results.build_ms' here while the worker may still be running
  double worst = slowest(results);
  for (auto &t : builders)
    t.join();
  return worst;
}

double coordinate_published() {
  std::vector<std::unique_ptr<ShardResult>> results;
  for (int i = 0; i < 3; ++i)
    results.push_back(std::make_unique<ShardResult>());
  std::latch done(3);
  std::vector<std::thread> builders;
  for (int i = 0; i < 3; ++i)
    builders.emplace_back(build_then_signal, std::ref(*results[i]), 100 * i,
                          std::ref(done));
  done.wait();
  double worst = slowest(results);
  for (auto &t : builders)
    t.join();
  return worst;
}

double coordinate_after_joins() {
  std::vector<std::unique_ptr<ShardResult>> results;
  for (int i = 0; i < 3; ++i)
    results.push_back(std::make_unique<ShardResult>());
  std::latch done(3);
  std::vector<std::thread> builders;
  for (int i = 0; i < 3; ++i)
    builders.emplace_back(build, std::ref(*results[i]), 100 * i, std::ref(done));
  done.wait();
  for (auto &t : builders)
    t.join();
  return slowest(results);
}
