// Scaling: B1's million tiny tasks and B2-shaped long tasks on 1, 2 and all
// cores, parlint::ThreadPool next to oneTBB. The argument is the number of
// threads that compute:
// - oneTBB runs in a task_arena of that concurrency; the calling thread
//   joins the arena and takes one of its slots;
// - ThreadPool gets that many workers; its map is called from inside one of
//   them (which then computes too, as the caller of a map does), so both
//   libraries use exactly that many threads.
// Per-task submission (B1_per_task_scaling): one post/submit
// per tiny task from a thread outside the pool at 1, 2, 4, 16, 64, the
// hardware's and 4x the hardware's worker count, next to oneTBB's
// task_group::run in an arena of that size. Workers beyond the cores show
// what idle workers cost a submitter (spinning, wake-ups) on any machine.
// scripts/bench_table.py prints these as a table of time per element and
// speed-up over one thread; the per-task families relative to 2 workers and
// to oneTBB.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <future>
#include <numeric>
#include <set>
#include <thread>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include "parlint/thread_pool.h"

namespace {

constexpr std::size_t kTinyTasks = 1000000;
// Per-task submissions per iteration: enough that start-up and the final
// wait are noise, few enough that the slowest point keeps the run short.
constexpr std::size_t kPostedTasks = 200000;
constexpr int kLongTasks = 10;
// B2 runs 10 x 10M increments; a fifth of that keeps the table quick while
// each task still lasts milliseconds.
constexpr long kIncrements = 2000000;

__attribute__((noinline)) int tiny_task(int x) {
  for (int i = 0; i < 100; ++i) {
    x += 1;
    benchmark::DoNotOptimize(x);
  }
  return x;
}

__attribute__((noinline)) long long_task(long x) {
  for (long i = 0; i < kIncrements; ++i) {
    x += 1;
    benchmark::DoNotOptimize(x);
  }
  return x;
}

std::size_t threads_of(const benchmark::State& state) { return static_cast<std::size_t>(state.range(0)); }

void b1_parlint_map(benchmark::State& state) {
  parlint::ThreadPool pool(threads_of(state));
  std::vector<int> input(kTinyTasks);
  std::iota(input.begin(), input.end(), 0);
  std::vector<int> out;
  for (auto _ : state) pool.submit([&] { out = pool.map(tiny_task, input); }).get();
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kTinyTasks));
}

void b1_tbb_parallel_for(benchmark::State& state) {
  tbb::task_arena arena(static_cast<int>(threads_of(state)));
  std::vector<int> input(kTinyTasks);
  std::iota(input.begin(), input.end(), 0);
  std::vector<int> out(kTinyTasks);
  for (auto _ : state) {
    arena.execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, kTinyTasks), [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) out[i] = tiny_task(input[i]);
      });
    });
  }
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kTinyTasks));
}

void b2_parlint_submit(benchmark::State& state) {
  parlint::ThreadPool pool(threads_of(state));
  std::vector<long> out(kLongTasks);
  for (auto _ : state) {
    std::vector<std::future<long>> futures;
    for (int i = 0; i < kLongTasks; ++i) futures.push_back(pool.submit(long_task, static_cast<long>(i)));
    for (int i = 0; i < kLongTasks; ++i) out[static_cast<std::size_t>(i)] = futures[static_cast<std::size_t>(i)].get();
  }
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(state.iterations() * kLongTasks);
}

void b2_tbb_task_group(benchmark::State& state) {
  tbb::task_arena arena(static_cast<int>(threads_of(state)));
  std::vector<long> out(kLongTasks);
  for (auto _ : state) {
    arena.execute([&] {
      tbb::task_group group;
      for (int i = 0; i < kLongTasks; ++i) group.run([&out, i] { out[static_cast<std::size_t>(i)] = long_task(i); });
      group.wait();
    });
  }
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(state.iterations() * kLongTasks);
}

void post_per_task(benchmark::State& state) {
  parlint::ThreadPool pool(threads_of(state));
  std::vector<int> out(kPostedTasks);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kPostedTasks; ++i) pool.post([&out, i] { out[i] = tiny_task(static_cast<int>(i)); });
    pool.wait_idle();
  }
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kPostedTasks));
}

void submit_per_task(benchmark::State& state) {
  parlint::ThreadPool pool(threads_of(state));
  std::vector<int> out(kPostedTasks);
  std::vector<std::future<int>> futures;
  futures.reserve(kPostedTasks);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kPostedTasks; ++i) futures.push_back(pool.submit(tiny_task, static_cast<int>(i)));
    for (std::size_t i = 0; i < kPostedTasks; ++i) out[i] = futures[i].get();
    futures.clear();
  }
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kPostedTasks));
}

// The peer of both: oneTBB's per-task call, from the thread that owns the
// group (in the arena, as in the other oneTBB variants).
void tbb_run_per_task(benchmark::State& state) {
  tbb::task_arena arena(static_cast<int>(threads_of(state)));
  std::vector<int> out(kPostedTasks);
  for (auto _ : state) {
    arena.execute([&] {
      tbb::task_group group;
      for (std::size_t i = 0; i < kPostedTasks; ++i) group.run([&out, i] { out[i] = tiny_task(static_cast<int>(i)); });
      group.wait();
    });
  }
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kPostedTasks));
}

void register_all() {
  const long hardware = static_cast<long>(std::max(1u, std::thread::hardware_concurrency()));
  // 1, 2 and every core, each once (on a 2-core machine: 1 and 2).
  std::set<long> counts{1, 2, hardware};
  // Per-task submission also at 4, 16, 64 and 4x the cores: the
  // oversubscribed points show what idle workers cost.
  std::set<long> per_task_counts{1, 2, 4, 16, 64, hardware, 4 * hardware};
  auto add = [&](const char* name, void (*fn)(benchmark::State&), const std::set<long>& at) {
    auto* b = benchmark::RegisterBenchmark(name, fn)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond);
    for (long n : at) b->Arg(n);
  };
  add("B1_scaling/parlint_map", b1_parlint_map, counts);
  add("B1_scaling/tbb_parallel_for", b1_tbb_parallel_for, counts);
  add("B2_scaling/parlint_submit", b2_parlint_submit, counts);
  add("B2_scaling/tbb_task_group", b2_tbb_task_group, counts);
  add("B1_per_task_scaling/parlint_post", post_per_task, per_task_counts);
  add("B1_per_task_scaling/parlint_submit", submit_per_task, per_task_counts);
  add("B1_per_task_scaling/tbb_task_group_run", tbb_run_per_task, per_task_counts);
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
