// Scaling: B1's million tiny tasks and B2-shaped long tasks on 1, 2 and all
// cores, parlint::ThreadPool next to oneTBB. The argument is the number of
// threads that compute:
// - oneTBB runs in a task_arena of that concurrency; the calling thread
//   joins the arena and takes one of its slots;
// - ThreadPool gets that many workers; its map is called from inside one of
//   them (which then computes too, as the caller of a map does), so both
//   libraries use exactly that many threads.
// scripts/bench_table.py prints these as a table of time per element and
// speed-up over one thread.
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

void register_all() {
  // 1, 2 and every core, each once (on a 2-core machine: 1 and 2).
  std::set<long> counts{1, 2, static_cast<long>(std::max(1u, std::thread::hardware_concurrency()))};
  auto add = [&](const char* name, void (*fn)(benchmark::State&), benchmark::TimeUnit unit) {
    auto* b = benchmark::RegisterBenchmark(name, fn)->ArgName("threads")->UseRealTime()->Unit(unit);
    for (long n : counts) b->Arg(n);
  };
  add("B1_scaling/parlint_map", b1_parlint_map, benchmark::kMillisecond);
  add("B1_scaling/tbb_parallel_for", b1_tbb_parallel_for, benchmark::kMillisecond);
  add("B2_scaling/parlint_submit", b2_parlint_submit, benchmark::kMillisecond);
  add("B2_scaling/tbb_task_group", b2_tbb_task_group, benchmark::kMillisecond);
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
