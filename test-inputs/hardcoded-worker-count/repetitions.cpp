// Literals that are not the number of workers alive at once: a repetition
// count around code whose worker count comes from the machine, a loop that
// starts and joins one worker per round, and counts a literal does not decide
// (a global set elsewhere, a local read at run time, a template argument).
// All silent.
#include <cstdlib>
#include <thread>
#include <vector>

#include <pthread.h>
#include <unistd.h>

void work(int);
void *entry(void *);
void joinAll(std::vector<std::thread> &threads);

// near-miss: ten repetitions of a run as wide as the machine.
void repeatedRuns() {
  for (int repeats = 0; repeats < 10; ++repeats) {
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < std::thread::hardware_concurrency(); ++i)
      threads.emplace_back(work, static_cast<int>(i));
    joinAll(threads);
  }
}

// near-miss: the same in C style, with the machine's count in a local.
void repeatedPthreads(pthread_t *ids) {
  for (int repeats = 0; repeats < 10; repeats++) {
    long nthreads = sysconf(_SC_NPROCESSORS_ONLN);
    for (long i = 0; i < nthreads; i++)
      pthread_create(&ids[i], nullptr, entry, nullptr);
  }
}

// near-miss: one thread started and joined per round: one alive at a time.
void oneAtATime() {
  for (int round = 0; round < 8; ++round) {
    std::thread t(work, round);
    work(-round);
    t.join();
  }
}

// near-miss: a global a command line option may change.
int g_threads = 4;
void fromGlobal() {
  std::vector<std::thread> threads;
  for (int i = 0; i < g_threads; ++i)
    threads.emplace_back(work, i);
  joinAll(threads);
}

// near-miss: a local given a literal default, then a value read at run time.
void fromEnvironment() {
  int n = 4;
  if (const char *value = std::getenv("THREADS"))
    n = std::atoi(value);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back(work, i);
  joinAll(threads);
}

// near-miss: a count of 1 under a name is one background thread.
#define NR_SERVICE_THREADS 1
void oneService() {
  std::vector<std::thread> threads;
  for (int i = 0; i < NR_SERVICE_THREADS; ++i)
    threads.emplace_back(work, i);
  joinAll(threads);
}
