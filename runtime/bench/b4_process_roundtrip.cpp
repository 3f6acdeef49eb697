// B4: process-pool round trips for small tasks (the article's
// multiprocessing.Pool, which pickles every task and result through pipes).
//
//   pipe_pool              baseline: forked workers, each task serialized as a
//                          text frame, written to the worker's pipe, parsed
//                          there; the result comes back the same way
//   parlint_process_pool   parlint::ProcessPool: function pointer and argument
//                          bytes in a shared-memory ring, result bytes back
// Family B4: one task at a time (submit, wait for the result, repeat): the
// latency of a round trip. Family B4_batch: 1000 tasks in flight, then all
// results collected: throughput. Both pools have 2 workers.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <vector>

#include "parlint/process_pool.h"

namespace {

constexpr std::size_t kWorkers = 2;
constexpr int kBatch = 1000;
constexpr std::size_t kFrame = 32;  // fixed-size text frames: "add <a> <b>" / "<result>"

int add(int a, int b) { return a + b; }

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool read_all(int fd, char* p, std::size_t n) {
  while (n > 0) {
    ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

// The serialize-and-pipe pool: one request and one reply pipe per worker.
class PipePool {
 public:
  PipePool() {
    for (std::size_t w = 0; w < kWorkers; ++w) {
      int req[2], rep[2];
      if (::pipe(req) != 0 || ::pipe(rep) != 0) std::abort();
      pid_t pid = ::fork();
      if (pid == 0) {
        ::close(req[1]);
        ::close(rep[0]);
        for (auto& other : workers_) {  // pipes of workers forked earlier
          ::close(other.request);
          ::close(other.reply);
        }
        serve(req[0], rep[1]);
      }
      ::close(req[0]);
      ::close(rep[1]);
      workers_.push_back(Worker{pid, req[1], rep[0]});
    }
  }
  ~PipePool() {
    for (auto& w : workers_) {
      ::close(w.request);
      ::close(w.reply);
      ::waitpid(w.pid, nullptr, 0);
    }
  }

  void send(std::size_t worker, int a, int b) {
    char frame[kFrame] = {};
    std::snprintf(frame, sizeof frame, "add %d %d", a, b);
    write_all(workers_[worker].request, frame, kFrame);
  }
  int receive(std::size_t worker) {
    char frame[kFrame] = {};
    if (!read_all(workers_[worker].reply, frame, kFrame)) std::abort();
    return static_cast<int>(std::strtol(frame, nullptr, 10));
  }

 private:
  struct Worker {
    pid_t pid;
    int request, reply;
  };

  [[noreturn]] static void serve(int in, int out) {
    char frame[kFrame];
    while (read_all(in, frame, kFrame)) {
      int a = 0, b = 0;
      if (std::sscanf(frame, "add %d %d", &a, &b) != 2) ::_exit(2);
      char reply[kFrame] = {};
      std::snprintf(reply, sizeof reply, "%d", add(a, b));
      if (!write_all(out, reply, kFrame)) break;
    }
    ::_exit(0);
  }

  std::vector<Worker> workers_;
};

void check(benchmark::State& state, int got, int want) {
  if (got != want) state.SkipWithError("wrong result");
}

void roundtrip_pipe_pool(benchmark::State& state) {
  PipePool pool;
  int i = 0;
  for (auto _ : state) {
    std::size_t w = static_cast<std::size_t>(i) % kWorkers;
    pool.send(w, i, 1);
    check(state, pool.receive(w), i + 1);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

void roundtrip_process_pool(benchmark::State& state) {
  parlint::ProcessPool pool(kWorkers);
  int i = 0;
  for (auto _ : state) {
    check(state, pool.submit(&add, i, 1).get(), i + 1);
    ++i;
  }
  state.SetItemsProcessed(state.iterations());
}

void batch_pipe_pool(benchmark::State& state) {
  PipePool pool;  // 500 frames of 32 bytes per worker fit in a 64 KiB pipe
  for (auto _ : state) {
    for (int i = 0; i < kBatch; ++i) pool.send(static_cast<std::size_t>(i) % kWorkers, i, 1);
    for (int i = 0; i < kBatch; ++i) check(state, pool.receive(static_cast<std::size_t>(i) % kWorkers), i + 1);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

void batch_process_pool(benchmark::State& state) {
  parlint::ProcessPool pool(kWorkers);
  std::vector<parlint::ProcessFuture<int>> futures;
  futures.reserve(kBatch);
  for (auto _ : state) {
    futures.clear();
    for (int i = 0; i < kBatch; ++i) futures.push_back(pool.submit(&add, i, 1));
    for (int i = 0; i < kBatch; ++i) check(state, futures[static_cast<std::size_t>(i)].get(), i + 1);
  }
  state.SetItemsProcessed(state.iterations() * kBatch);
}

}  // namespace

// Baselines first in each family.
BENCHMARK(roundtrip_pipe_pool)->Name("B4/pipe_pool")->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(roundtrip_process_pool)->Name("B4/parlint_process_pool")->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(batch_pipe_pool)->Name("B4_batch/pipe_pool")->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(batch_process_pool)->Name("B4_batch/parlint_process_pool")->UseRealTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
