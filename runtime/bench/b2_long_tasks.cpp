// B2: ten long tasks (the article's 10 x 10M increments). With long tasks
// the pool's overhead is irrelevant; this shows the pool matches one thread
// per task, and both beat the serial loop by the core count. The serial
// loop is registered first: it is the family baseline.
#include <benchmark/benchmark.h>

#include <future>
#include <thread>
#include <vector>

#include "parlint/task_group.h"
#include "parlint/thread_pool.h"

namespace {

constexpr int kTasks = 10;
constexpr long kIncrements = 10000000;

__attribute__((noinline)) long long_task(long x) {
  for (long i = 0; i < kIncrements; ++i) {
    x += 1;
    benchmark::DoNotOptimize(x);
  }
  return x;
}

void finish(benchmark::State& state, const std::vector<long>& out) {
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(state.iterations() * kTasks);
}

void serial_loop(benchmark::State& state) {
  std::vector<long> out(kTasks);
  for (auto _ : state) {
    for (int i = 0; i < kTasks; ++i) out[i] = long_task(i);
    benchmark::ClobberMemory();
  }
  finish(state, out);
}

void thread_per_task(benchmark::State& state) {
  std::vector<long> out(kTasks);
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int i = 0; i < kTasks; ++i) threads.emplace_back([&out, i] { out[i] = long_task(i); });
    for (auto& t : threads) t.join();
  }
  finish(state, out);
}

void parlint_submit(benchmark::State& state) {
  parlint::ThreadPool pool;
  std::vector<long> out(kTasks);
  for (auto _ : state) {
    std::vector<std::future<long>> futures;
    for (int i = 0; i < kTasks; ++i) futures.push_back(pool.submit(long_task, static_cast<long>(i)));
    for (int i = 0; i < kTasks; ++i) out[i] = futures[i].get();
  }
  finish(state, out);
}

// What parlint's fix-its write for futures: TaskGroup::submit on the
// default pool.
void parlint_task_group_submit(benchmark::State& state) {
  std::vector<long> out(kTasks);
  for (auto _ : state) {
    parlint::TaskGroup group;
    std::vector<std::future<long>> futures;
    for (int i = 0; i < kTasks; ++i) futures.push_back(group.submit(long_task, static_cast<long>(i)));
    for (int i = 0; i < kTasks; ++i) out[i] = futures[i].get();
  }
  finish(state, out);
}

void parlint_task_group_post(benchmark::State& state) {
  std::vector<long> out(kTasks);
  for (auto _ : state) {
    parlint::TaskGroup group;
    for (int i = 0; i < kTasks; ++i) group.post([&out, i] { out[i] = long_task(i); });
    group.wait();
  }
  finish(state, out);
}

void parlint_map(benchmark::State& state) {
  parlint::ThreadPool pool;
  const std::vector<long> seeds{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  std::vector<long> out;
  for (auto _ : state) out = pool.map(long_task, seeds, 1);
  finish(state, out);
}

void register_all() {
  auto add = [](const char* name, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, fn)->UseRealTime()->Unit(benchmark::kMillisecond);
  };
  add("B2/serial", serial_loop);  // family baseline: registered first
  add("B2/thread_per_task", thread_per_task);
  add("B2/parlint_submit", parlint_submit);
  add("B2/parlint_task_group_submit", parlint_task_group_submit);
  add("B2/parlint_task_group_post", parlint_task_group_post);
  add("B2/parlint_map", parlint_map);
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
