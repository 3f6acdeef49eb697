// B3: handing a 100M-element int array to a worker (the article's table:
// seconds to pickle it to a process vs ~0.1 s with shared memory).
//
// Each variant gives one worker access to the array and waits until the
// worker has read three of its elements (first, middle, last): the time is
// the cost of the hand-off, not of work on the data. Variants, baseline first:
//   thread_copy            std::thread taking the vector by value (a fresh copy)
//   thread_copy_prefaulted the same copy, into a destination already faulted in
//   thread_cref            std::thread with std::cref (no copy; threads only)
//   fork_pipe              the pickle analogue: fork a child and stream the
//                          array through a pipe into a fresh buffer there
//   fork_pipe_prefaulted   the same, into a pre-faulted shared destination
//   fork_shared_array      parlint::SharedArray, then fork a child that reads it
//   pipe_pool              a long-lived forked worker fed through a pipe (its
//                          buffer is reused, so faulted in after the first run)
//   parlint_process_pool   a parlint::ProcessPool task given a SharedRef
// Family B3 uses 100M elements; B3_1M repeats it with 1M elements, to show
// which hand-offs grow with the array and which are O(1).
// Pipes are enlarged to 1 MiB (F_SETPIPE_SZ) to give copying its best case.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <memory>
#include <numeric>
#include <string>
#include <thread>
#include <vector>

#include "parlint/process_pool.h"
#include "parlint/shared_array.h"
#include "parlint/shared_value.h"

namespace {

long peek(const int* data, std::size_t n) { return long{data[0]} + data[n / 2] + data[n - 1]; }
long peek_ref(parlint::SharedRef<int> a) { return peek(a.data, a.size); }
long expected_peek(std::size_t n) { return static_cast<long>(n / 2 + n - 1); }

void fill(int* data, std::size_t n) { std::iota(data, data + n, 0); }

void check(benchmark::State& state, long got, std::size_t n) {
  if (got != expected_peek(n)) state.SkipWithError("the worker read wrong values");
}

bool write_all(int fd, const void* p, std::size_t n) {
  auto* bytes = static_cast<const char*>(p);
  while (n > 0) {
    ssize_t w = ::write(fd, bytes, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    bytes += w;
    n -= static_cast<std::size_t>(w);
  }
  return true;
}

bool read_all(int fd, void* p, std::size_t n) {
  auto* bytes = static_cast<char*>(p);
  while (n > 0) {
    ssize_t r = ::read(fd, bytes, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    bytes += r;
    n -= static_cast<std::size_t>(r);
  }
  return true;
}

void make_pipe(int fds[2]) {
  if (::pipe(fds) != 0) std::abort();
  ::fcntl(fds[1], F_SETPIPE_SZ, 1 << 20);
}

void thread_copy(benchmark::State& state, std::size_t n) {
  std::vector<int> src(n);
  fill(src.data(), n);
  for (auto _ : state) {
    long got = 0;
    // std::thread decay-copies its arguments: a fresh n-element vector.
    std::thread t([&got](std::vector<int> v) { got = peek(v.data(), v.size()); }, src);
    t.join();
    check(state, got, n);
  }
}

void thread_copy_prefaulted(benchmark::State& state, std::size_t n) {
  std::vector<int> src(n), dst(n);  // value-initialized: every page already faulted in
  fill(src.data(), n);
  for (auto _ : state) {
    long got = 0;
    std::copy(src.begin(), src.end(), dst.begin());
    std::thread t([&] { got = peek(dst.data(), n); });
    t.join();
    check(state, got, n);
  }
}

void thread_cref(benchmark::State& state, std::size_t n) {
  std::vector<int> src(n);
  fill(src.data(), n);
  for (auto _ : state) {
    long got = 0;
    std::thread t([&got](const std::vector<int>& v) { got = peek(v.data(), v.size()); }, std::cref(src));
    t.join();
    check(state, got, n);
  }
}

// The child reads the streamed array into `destination`, or into a fresh
// buffer when it is null, and answers with what it read.
void fork_pipe_impl(benchmark::State& state, std::size_t n, int* destination) {
  std::vector<int> src(n);
  fill(src.data(), n);
  for (auto _ : state) {
    int to_child[2], from_child[2];
    make_pipe(to_child);
    make_pipe(from_child);
    pid_t pid = ::fork();
    if (pid == 0) {
      ::close(to_child[1]);
      ::close(from_child[0]);
      std::unique_ptr<int[]> fresh;
      int* buffer = destination;
      if (!buffer) buffer = (fresh = std::unique_ptr<int[]>(new int[n])).get();
      long got = read_all(to_child[0], buffer, n * sizeof(int)) ? peek(buffer, n) : -1;
      write_all(from_child[1], &got, sizeof got);
      ::_exit(0);
    }
    ::close(to_child[0]);
    ::close(from_child[1]);
    write_all(to_child[1], src.data(), n * sizeof(int));
    ::close(to_child[1]);
    long got = -1;
    read_all(from_child[0], &got, sizeof got);
    ::close(from_child[0]);
    ::waitpid(pid, nullptr, 0);
    check(state, got, n);
  }
}

void fork_pipe(benchmark::State& state, std::size_t n) { fork_pipe_impl(state, n, nullptr); }

void fork_pipe_prefaulted(benchmark::State& state, std::size_t n) {
  // Shared, so the child writes into pages that are already there (a private
  // buffer would be copied-on-write in the child, faulting again).
  auto destination = parlint::SharedArray<int>::create({n}, parlint::SharedOptions{true});
  fork_pipe_impl(state, n, destination.data());
}

void fork_shared_array(benchmark::State& state, std::size_t n) {
  auto array = parlint::SharedArray<int>::create({n}, parlint::SharedOptions{true});
  fill(array.data(), n);
  auto answer = parlint::SharedValue<long>::create(0);
  for (auto _ : state) {
    pid_t pid = ::fork();
    if (pid == 0) {
      answer.store(peek(array.data(), n));
      ::_exit(0);
    }
    ::waitpid(pid, nullptr, 0);
    check(state, answer.load(), n);
  }
}

void pipe_pool(benchmark::State& state, std::size_t n) {
  int to_worker[2], from_worker[2];
  make_pipe(to_worker);
  make_pipe(from_worker);
  pid_t pid = ::fork();  // before the array exists: the worker shares nothing with it
  if (pid == 0) {
    ::close(to_worker[1]);
    ::close(from_worker[0]);
    std::vector<int> buffer;
    std::uint64_t count = 0;
    while (read_all(to_worker[0], &count, sizeof count) && count > 0) {
      buffer.resize(count);
      long got = read_all(to_worker[0], buffer.data(), count * sizeof(int)) ? peek(buffer.data(), count) : -1;
      write_all(from_worker[1], &got, sizeof got);
    }
    ::_exit(0);
  }
  ::close(to_worker[0]);
  ::close(from_worker[1]);
  std::vector<int> src(n);
  fill(src.data(), n);
  for (auto _ : state) {
    std::uint64_t count = n;
    write_all(to_worker[1], &count, sizeof count);
    write_all(to_worker[1], src.data(), n * sizeof(int));
    long got = -1;
    read_all(from_worker[0], &got, sizeof got);
    check(state, got, n);
  }
  ::close(to_worker[1]);
  ::close(from_worker[0]);
  ::waitpid(pid, nullptr, 0);
}

void parlint_process_pool(benchmark::State& state, std::size_t n) {
  auto array = parlint::SharedArray<int>::create({n}, parlint::SharedOptions{true});
  fill(array.data(), n);
  parlint::ProcessPool pool(1);  // after the array, so the worker maps it too
  for (auto _ : state) check(state, pool.submit(&peek_ref, array.ref()).get(), n);
}

using Variant = void (*)(benchmark::State&, std::size_t);

void register_family(const std::string& family, std::size_t n) {
  const std::pair<const char*, Variant> variants[] = {
      {"thread_copy", thread_copy},          // baseline: registered first
      {"thread_copy_prefaulted", thread_copy_prefaulted},
      {"thread_cref", thread_cref},
      {"fork_pipe", fork_pipe},
      {"fork_pipe_prefaulted", fork_pipe_prefaulted},
      {"fork_shared_array", fork_shared_array},
      {"pipe_pool", pipe_pool},
      {"parlint_process_pool", parlint_process_pool},
  };
  for (const auto& [name, fn] : variants)
    benchmark::RegisterBenchmark((family + "/" + name).c_str(), [fn = fn, n](benchmark::State& s) { fn(s, n); })
        ->UseRealTime()
        ->Unit(benchmark::kMillisecond);
}

}  // namespace

int main(int argc, char** argv) {
  register_family("B3", 100'000'000);
  register_family("B3_1M", 1'000'000);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
