// A number of workers alive at once written as a literal under a name: a
// macro, a const or constexpr variable, a local set to the literal before the
// loop. Reported at the loop with a note at the literal. Only a local that is
// this loop's count gets the fix; a macro or a constant may size arrays or
// serve other code, so it gets the note alone.
#include <boost/asio/thread_pool.hpp>

#include <thread>
#include <vector>

#include <parlint/worker_count.h>
#include <pthread.h>

void work(int);
void *entry(void *);

// EXPECT-NOTE@+1:20 'NR_THREADS' is defined as 4 here
#define NR_THREADS 4

void macroCount() {
  pthread_t ids[NR_THREADS];
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 4 threads whatever the machine ('NR_THREADS' is the literal 4); use parlint::default_worker_count() or a configured count instead of the literal
  for (int i = 0; i < NR_THREADS; ++i)
    pthread_create(&ids[i], nullptr, entry, nullptr);
  for (int i = 0; i < NR_THREADS; ++i)
    pthread_join(ids[i], nullptr);
}

// EXPECT-NOTE@+1:26 'kWorkers' is set to 8 here
constexpr int kWorkers = 8;

void constexprCount() {
  std::vector<std::thread> threads;
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 8 threads whatever the machine ('kWorkers' is the literal 8); use parlint::default_worker_count() or a configured count instead of the literal
  for (int i = 0; i < kWorkers; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void constLocal() {
  // EXPECT-NOTE@+1:23 'workers' is set to 6 here
  const int workers = 6;
  std::vector<std::thread> threads;
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 6 threads whatever the machine ('workers' is the literal 6); use parlint::default_worker_count() or a configured count instead of the literal
  for (int i = 0; i < workers; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

// A local set to a literal before the loop: its value is this loop's count.
void assignedBeforeLoop(bool verbose) {
  int nr_threads;
  if (verbose)
    work(-1);
  // EXPECT-NOTE@+1:16 'nr_threads' is set to 3 here
  nr_threads = parlint::default_worker_count();
  std::vector<std::thread> threads;
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 3 threads whatever the machine ('nr_threads' is the literal 3); use parlint::default_worker_count() or a configured count instead of the literal
  for (int i = 0; i < nr_threads; i++)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

void initializedLocal() {
  // EXPECT-NOTE@+1:20 'count' is set to 5 here
  unsigned count = parlint::default_worker_count();
  std::vector<std::thread> threads;
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 5 threads whatever the machine ('count' is the literal 5); use parlint::default_worker_count() or a configured count instead of the literal
  for (unsigned i = 0; i < count; ++i)
    threads.emplace_back(work, static_cast<int>(i));
  for (auto &t : threads)
    t.join();
}

// A local named after a macro: the note is at the local, no fix (the macro
// keeps its other uses).
void localFromMacro() {
  // EXPECT-NOTE@+1:7 'n' is set to 4 here
  int n = NR_THREADS;
  std::vector<std::thread> threads;
  // EXPECT-WARNING@+1:3 hardcoded worker count: this loop starts 4 threads whatever the machine ('n' is the literal 4); use parlint::default_worker_count() or a configured count instead of the literal
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work, i);
  for (auto &t : threads)
    t.join();
}

struct Crawler {
  // EXPECT-NOTE@+1:41 'kFetchers' is set to 12 here
  static constexpr unsigned kFetchers = 12;
  void start() {
    // EXPECT-WARNING@+1:5 hardcoded worker count: this loop starts 12 threads whatever the machine ('kFetchers' is the literal 12); use parlint::default_worker_count() or a configured count instead of the literal
    for (unsigned i = 0; i < kFetchers; ++i)
      fetchers_.emplace_back(work, static_cast<int>(i));
  }
  std::vector<std::thread> fetchers_;
};

// EXPECT-NOTE@+1:30 'kPoolThreads' is set to 6 here
constexpr int kPoolThreads = 6;

void namedPool() {
  // EXPECT-WARNING@+1:33 hardcoded worker count: boost::asio::thread_pool is constructed with 6 workers whatever the machine ('kPoolThreads' is the literal 6); use parlint::default_worker_count() or a configured count instead of the literal
  boost::asio::thread_pool pool(kPoolThreads);
  pool.join();
}
