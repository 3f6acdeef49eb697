// RUN-STD: c++17
// A worker fulfils a request's promise and then records how long it took
// in the same request. The submitter's future.get() returns as soon as the
// value is set, and its read of the timing meets the worker's later
// write: a promise orders only what came before set_value(). Near misses:
// the timing written before set_value(); a waiter that reads the timing
// only after joining the worker; a member the waiter never reads.
#include <chrono>
#include <cstdio>
#include <future>
#include <string>
#include <thread>

struct Fetch {
  std::string url;
  std::promise<std::size_t> size;
  long elapsed_us = 0;
  int retries = 0;
};

static long microsSince(std::chrono::steady_clock::time_point start) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::steady_clock::now() - start)
                               .count());
}

void download(Fetch &job) {
  auto start = std::chrono::steady_clock::now();
  // EXPECT-NOTE@+1:3 the object is signalled ready here
  job.size.set_value(job.url.size() * 100);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'elapsed_us' after the signal through 'size' that the object is ready: a thread waiting for that signal reads it while it is written; write it before the signal
  job.elapsed_us = microsSince(start);
  job.retries = 1;
}

struct Probe {
  std::string host;
  std::promise<bool> alive;
  long rtt_us = 0;
};

void probe(Probe &p) {
  auto start = std::chrono::steady_clock::now();
  p.rtt_us = microsSince(start);
  p.alive.set_value(!p.host.empty());
}

struct Resolve {
  std::string name;
  std::promise<int> address;
  long lookup_us = 0;
};

void resolve(Resolve &r) {
  auto start = std::chrono::steady_clock::now();
  r.address.set_value(static_cast<int>(r.name.size()));
  r.lookup_us = microsSince(start);
}

int main() {
  Fetch job{"https://example.org/index.html", {}, 0, 0};
  std::future<std::size_t> size = job.size.get_future();
  std::thread worker(download, std::ref(job));
  // EXPECT-NOTE@+1:23 another thread waits for the signal here in 'main'
  std::size_t bytes = size.get();
  // EXPECT-NOTE@+1:15 and then reads 'elapsed_us' here
  long took = job.elapsed_us;
  worker.join();

  Probe p{"db-1", {}, 0};
  std::future<bool> alive = p.alive.get_future();
  std::thread prober(probe, std::ref(p));
  bool up = alive.get();
  long rtt = p.rtt_us;
  prober.join();

  Resolve r{"cache", {}, 0};
  std::future<int> address = r.address.get_future();
  std::thread resolver(resolve, std::ref(r));
  int where = address.get();
  resolver.join();
  long lookup = r.lookup_us;

  std::printf("%zu %ld %d %ld %d %ld\n", bytes, took > 0 ? 1L : 0L, up, rtt > 0 ? 1L : 0L, where,
              lookup > 0 ? 1L : 0L);
  return 0;
}
