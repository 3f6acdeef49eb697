// Mirrors: taskflow/taskflow unittests/test_wsq.cpp:167, :289, :552, :671,
// :1122, :1284 (unbounded-spawn, "in batches"). The outer loop's variable
// grows geometrically (N = N * 3 + 1: 1, 4, 13, ... 88573), so it runs 11
// times, not 88573; parlint's note said "the loop runs 88573 times". Each
// round starts M threads (M a parameter: a configured count) and joins them.
// Total threads = 11 * M. parlint must stay silent: the rounds are a constant
// count whatever the step.
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

void consume(std::size_t lane, std::size_t n);

// near-miss: geometric step; 11 rounds of M joined threads.
void roundsOfConsumers(std::size_t M) {
  for (std::size_t N = 1; N <= 88573; N = N * 3 + 1) {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < M; ++i)
      threads.emplace_back([N, i] { consume(i, N); });
    for (auto &t : threads)
      t.join();
  }
}

// near-miss: doubling step, 17 rounds.
void doublingRounds(std::size_t M) {
  for (std::size_t N = 1; N <= 65536; N *= 2) {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < M; ++i)
      threads.emplace_back(consume, i, N);
    for (auto &t : threads)
      t.join();
  }
}

// near-miss: a linear step runs 88573 rounds of M joined threads: a constant
// count, however large, is not input.
void linearRounds(std::size_t M) {
  for (std::size_t N = 1; N <= 88573; ++N) {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < M; ++i)
      threads.emplace_back(consume, i, N);
    for (auto &t : threads)
      t.join();
  }
}

// Positive counterpart: one round per size the caller hands in.
void roundsPerSize(const std::vector<std::size_t> &sizes, std::size_t M) {
  // EXPECT-NOTE@+2:3 the loop iterates over a container or range, so its trip count grows with the input
  // EXPECT-NOTE@+1:3 a task group on parlint's shared pool runs the same loop: 'parlint::TaskGroup group; for (std::size_t N : sizes) { ... group.post(consume, i, N); ... }'; wait for its tasks with 'group.wait()'
  for (std::size_t N : sizes) {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < M; ++i)
      // EXPECT-WARNING@+1:7 starting a std::thread in batches inside a loop without a small bound creates threads in proportion to the input even though each batch is waited for; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup, which reuses its workers
      threads.emplace_back(consume, i, N); // a warning is expected here
    for (auto &t : threads)
      t.join();
  }
}
