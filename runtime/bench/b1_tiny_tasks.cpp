// B1: one million tiny tasks (the article's 1M calls of a 100-increment
// function). Compares the anti-patterns parlint flags (a thread or an
// std::async per task), the fix (parlint::ThreadPool) and peers (oneTBB,
// Boost.Asio). Every variant reports items/s; the table compares time per
// element. The serial loop is registered first: it is the family baseline.
#include <benchmark/benchmark.h>

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <numeric>
#include <thread>
#include <vector>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include "parlint/task_group.h"
#include "parlint/thread_pool.h"

// BS::thread_pool 5.x, when the build points at its header
// (-DPARLINT_BS_THREAD_POOL_HEADER=/path/to/BS_thread_pool.hpp).
#ifdef PARLINT_BS_THREAD_POOL_HEADER
#include PARLINT_BS_THREAD_POOL_HEADER
#endif

namespace {

constexpr std::size_t kTasks = 1000000;
// Spawning a million threads takes minutes; these variants run fewer tasks
// and are compared per element.
constexpr std::size_t kSpawnedTasks = 5000;
// Threads alive at once in the spawning variants, so the machine survives.
constexpr std::size_t kSpawnBatch = 64;

// 100 increments the optimizer must keep (the asm barrier hides x's value),
// behind a call the optimizer must keep too.
__attribute__((noinline)) int tiny_task(int x) {
  for (int i = 0; i < 100; ++i) {
    x += 1;
    benchmark::DoNotOptimize(x);
  }
  return x;
}

std::vector<int> make_input(std::size_t n) {
  std::vector<int> input(n);
  std::iota(input.begin(), input.end(), 0);
  return input;
}

void finish(benchmark::State& state, std::size_t tasks, const std::vector<int>& out) {
  benchmark::DoNotOptimize(out.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * tasks));
}

void serial_loop(benchmark::State& state) {
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kTasks; ++i) out[i] = tiny_task(input[i]);
    benchmark::ClobberMemory();
  }
  finish(state, kTasks, out);
}

void thread_per_task(benchmark::State& state) {
  const auto input = make_input(kSpawnedTasks);
  std::vector<int> out(kSpawnedTasks);
  for (auto _ : state) {
    std::vector<std::thread> threads;
    threads.reserve(kSpawnBatch);
    for (std::size_t first = 0; first < kSpawnedTasks; first += kSpawnBatch) {
      for (std::size_t i = first; i < std::min(first + kSpawnBatch, kSpawnedTasks); ++i)
        threads.emplace_back([&, i] { out[i] = tiny_task(input[i]); });
      for (auto& t : threads) t.join();
      threads.clear();
    }
  }
  finish(state, kSpawnedTasks, out);
}

void async_per_task(benchmark::State& state) {
  const auto input = make_input(kSpawnedTasks);
  std::vector<int> out(kSpawnedTasks);
  for (auto _ : state) {
    std::vector<std::future<int>> futures;
    futures.reserve(kSpawnBatch);
    for (std::size_t first = 0; first < kSpawnedTasks; first += kSpawnBatch) {
      for (std::size_t i = first; i < std::min(first + kSpawnBatch, kSpawnedTasks); ++i)
        futures.push_back(std::async(std::launch::async, tiny_task, input[i]));
      for (std::size_t k = 0; k < futures.size(); ++k) out[first + k] = futures[k].get();
      futures.clear();
    }
  }
  finish(state, kSpawnedTasks, out);
}

void parlint_map(benchmark::State& state) {
  parlint::ThreadPool pool;
  const auto input = make_input(kTasks);
  std::vector<int> out;
  for (auto _ : state) out = pool.map(tiny_task, input);
  finish(state, kTasks, out);
}

void parlint_parallel_for(benchmark::State& state) {
  parlint::ThreadPool pool;
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) pool.parallel_for(std::size_t{0}, kTasks, [&](std::size_t i) { out[i] = tiny_task(input[i]); });
  finish(state, kTasks, out);
}

void parlint_post_per_task(benchmark::State& state) {
  parlint::ThreadPool pool;
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kTasks; ++i) pool.post([&, i] { out[i] = tiny_task(input[i]); });
    pool.wait_idle();
  }
  finish(state, kTasks, out);
}

// What parlint's fix-its write: a TaskGroup on the default pool.
void parlint_task_group_post_per_task(benchmark::State& state) {
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) {
    parlint::TaskGroup group;
    for (std::size_t i = 0; i < kTasks; ++i) group.post([&, i] { out[i] = tiny_task(input[i]); });
    group.wait();
  }
  finish(state, kTasks, out);
}

// oneTBB's per-task call: the peer of post and of TaskGroup::post.
void tbb_task_group_run_per_task(benchmark::State& state) {
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) {
    tbb::task_group group;
    for (std::size_t i = 0; i < kTasks; ++i) group.run([&, i] { out[i] = tiny_task(input[i]); });
    group.wait();
  }
  finish(state, kTasks, out);
}

void tbb_parallel_for(benchmark::State& state) {
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, kTasks), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) out[i] = tiny_task(input[i]);
    });
  }
  finish(state, kTasks, out);
}

// The same loop returning a fresh result vector per call, as map does: the
// like-for-like peer of parlint_map (tbb_parallel_for writes into a vector
// allocated once, outside the timed loop).
void tbb_parallel_for_new_vector(benchmark::State& state) {
  const auto input = make_input(kTasks);
  std::vector<int> out;
  for (auto _ : state) {
    std::vector<int> result(kTasks);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, kTasks), [&](const tbb::blocked_range<std::size_t>& r) {
      for (std::size_t i = r.begin(); i != r.end(); ++i) result[i] = tiny_task(input[i]);
    });
    out = std::move(result);
  }
  finish(state, kTasks, out);
}

void asio_post_per_task(benchmark::State& state) {
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (auto _ : state) {
    boost::asio::thread_pool pool(threads);
    for (std::size_t i = 0; i < kTasks; ++i) boost::asio::post(pool, [&, i] { out[i] = tiny_task(input[i]); });
    pool.wait();
  }
  finish(state, kTasks, out);
}

#ifdef PARLINT_BS_THREAD_POOL_HEADER
// The same per-task loop as parlint_post_per_task: one detach_task per
// element, then wait for all.
void bs_detach_task_per_task(benchmark::State& state) {
  BS::thread_pool<> pool;
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) {
    for (std::size_t i = 0; i < kTasks; ++i) pool.detach_task([&, i] { out[i] = tiny_task(input[i]); });
    pool.wait();
  }
  finish(state, kTasks, out);
}

void bs_detach_loop(benchmark::State& state) {
  BS::thread_pool<> pool;
  const auto input = make_input(kTasks);
  std::vector<int> out(kTasks);
  for (auto _ : state) {
    pool.detach_loop(std::size_t{0}, kTasks, [&](std::size_t i) { out[i] = tiny_task(input[i]); });
    pool.wait();
  }
  finish(state, kTasks, out);
}
#endif

void register_all() {
  auto add = [](const char* name, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, fn)->UseRealTime()->Unit(benchmark::kMillisecond);
  };
  add("B1/serial", serial_loop);  // family baseline: registered first
  add("B1/thread_per_task", thread_per_task);
  add("B1/std_async_per_task", async_per_task);
  add("B1/parlint_map", parlint_map);
  add("B1/parlint_parallel_for", parlint_parallel_for);
  add("B1/parlint_post_per_task", parlint_post_per_task);
  add("B1/parlint_task_group_post_per_task", parlint_task_group_post_per_task);
  add("B1/tbb_task_group_run_per_task", tbb_task_group_run_per_task);
  add("B1/tbb_parallel_for", tbb_parallel_for);
  add("B1/tbb_parallel_for_new_vector", tbb_parallel_for_new_vector);
  add("B1/asio_post_per_task", asio_post_per_task);
#ifdef PARLINT_BS_THREAD_POOL_HEADER
  add("B1/bs_detach_task_per_task", bs_detach_task_per_task);
  add("B1/bs_detach_loop", bs_detach_loop);
#endif
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
