// parlint::ProcessPool forks its fork server in its constructor: it must be
// constructed before any thread starts.
#include <cstddef>
#include <thread>

namespace parlint {
class ProcessPool {
public:
  ProcessPool();
  explicit ProcessPool(std::size_t workers);
  ~ProcessPool();
};
class ThreadPool {
public:
  ThreadPool();
  ~ThreadPool();
};
} // namespace parlint

void work();

void threadFirst() {
  std::thread t(work); // EXPECT-NOTE:15 thread started here may still be running at the construction
  parlint::ProcessPool pool(2); // EXPECT-WARNING:24 parlint::ProcessPool constructed while other threads may be running: its fork server copies a multithreaded process; construct the ProcessPool before starting any thread
  t.join();
}

void threadPoolFirst() {
  parlint::ThreadPool threads; // EXPECT-NOTE:23 pool 'threads' is alive at the construction, its threads running
  parlint::ProcessPool processes; // EXPECT-WARNING:24 parlint::ProcessPool constructed while other threads may be running: its fork server copies a multithreaded process; construct the ProcessPool before starting any thread
}

void detachedFirst() {
  std::thread(work).detach(); // EXPECT-NOTE:3 thread started here may still be running at the construction
  auto *pool = new parlint::ProcessPool(4); // EXPECT-WARNING:20 parlint::ProcessPool constructed while other threads may be running: its fork server copies a multithreaded process; construct the ProcessPool before starting any thread
  delete pool;
}

void processPoolFirst() {
  // near-miss: the ProcessPool exists before the thread starts
  parlint::ProcessPool pool(2);
  std::thread t(work);
  t.join();
}

void joinedFirst() {
  // near-miss: the thread is joined before the ProcessPool is constructed
  std::thread t(work);
  t.join();
  parlint::ProcessPool pool(2);
}
