// Mirrors: google/benchmark test/internal_threading_test.cc:86 and :129
// (unbounded-spawn, "waiting for it in the same iteration"). The loop is the
// benchmark harness's measurement loop (for (auto _ : state)), registered with
// Iterations(1); starting the thread IS the measured operation, and it is
// joined in the same iteration, so one thread exists at a time. The trip count
// is chosen by the harness, not by input. parlint should stay silent
// (false positive; at most debatable in non-benchmark code).
#include <benchmark/benchmark.h>

#include <thread>

void spin();

// near-miss: thread start measured per benchmark iteration.
void BM_WorkerThread(benchmark::State &state) {
  for (auto _ : state) {
    std::thread worker(&spin);
    worker.join();
  }
}
BENCHMARK(BM_WorkerThread)->Iterations(1);

// near-miss: main thread and a worker both busy, joined per iteration.
void BM_MainAndWorker(benchmark::State &state) {
  for (auto _ : state) {
    std::thread worker(&spin);
    spin();
    worker.join();
  }
}
BENCHMARK(BM_MainAndWorker)->Iterations(1);
