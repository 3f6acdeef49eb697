// Near misses: threads that are joined, detached, handed off or never
// started on every path. All must stay silent.
#include <algorithm>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <functional>
#include <future>
#include <pthread.h>
#include <thread>
#include <utility>
#include <vector>

void work();
void process(int item);
bool cancelled();
void *routine(void *);
void adopt(std::thread &thread);
void inspect(const std::thread &thread);

// near-miss: joined on every path, including the early return.
void joinedOnEveryPath(bool quick) {
  std::thread worker(work);
  if (quick) {
    worker.join();
    return;
  }
  worker.join();
}

// near-miss: the joinable() guard covers the path where nothing was started.
void guardedJoin(bool start) {
  std::thread worker;
  if (start)
    worker = std::thread(work);
  if (worker.joinable())
    worker.join();
}

// near-miss: detached right away.
void detached() {
  std::thread worker(work);
  worker.detach();
}

// near-miss: moved out (anywhere) means someone else owns it.
std::vector<std::thread> pool;
void movedOut() {
  std::thread worker(work);
  pool.push_back(std::move(worker));
}

// near-miss: returned to the caller.
std::thread returned() {
  std::thread worker(work);
  return worker;
}

// near-miss: passed by non-const reference, the callee may join it.
void handedToCallee() {
  std::thread worker(work);
  adopt(worker);
}

// near-miss: a default-constructed thread never started.
void neverStarted() {
  std::thread idle;
  inspect(idle);
}

// near-miss: all elements joined by a range-for.
void joinAll(const std::vector<int> &items) {
  std::vector<std::thread> workers;
  for (int item : items)
    workers.emplace_back(process, item);
  for (auto &worker : workers)
    worker.join();
}

// near-miss: all elements joined with std::for_each and std::mem_fn.
void joinAllForEach(int count) {
  std::vector<std::thread> workers;
  for (int i = 0; i < count; ++i)
    workers.emplace_back(process, i);
  std::for_each(workers.begin(), workers.end(), std::mem_fn(&std::thread::join));
}

// near-miss: indexed join loop over indexed slots.
void joinAllIndexed(int count) {
  std::vector<std::thread> workers(count);
  for (int i = 0; i < count; ++i)
    workers[i] = std::thread(process, i);
  for (int i = 0; i < count; ++i)
    workers[i].join();
}

// near-miss: a temporary that is detached or moved into a variable.
void temporariesConsumed() {
  std::thread(work).detach();
  std::thread named = std::thread(work);
  named.join();
}

// near-miss: the lambda captures the thread by reference and joins it later.
void capturedByReference() {
  std::thread worker(work);
  auto finish = [&] { worker.join(); };
  finish();
}

// near-miss: pthread_create whose failure returns early; joined otherwise.
void posixJoined() {
  pthread_t id;
  if (pthread_create(&id, nullptr, routine, nullptr) != 0)
    return;
  pthread_join(id, nullptr);
}

// near-miss: pthread ids detached in a loop.
void posixDetachedArray() {
  pthread_t ids[2];
  for (int i = 0; i < 2; ++i) {
    pthread_create(&ids[i], nullptr, routine, nullptr);
    pthread_detach(ids[i]);
  }
}

// near-miss: the pthread_t belongs to the caller.
void posixOutParameter(pthread_t *out) {
  pthread_create(out, nullptr, routine, nullptr);
}

// near-miss: a member thread is joined in the destructor, not here.
class Worker {
public:
  void start() { thread_ = std::thread(work); }
  ~Worker() {
    if (thread_.joinable())
      thread_.join();
  }

private:
  std::thread thread_;
};

// near-miss: std::async and thread pools are other checks' business.
void otherLaunchers() {
  auto result = std::async(std::launch::async, work);
  boost::asio::thread_pool workers(2);
  boost::asio::post(workers, work);
  workers.join();
}

// near-miss: a template never instantiated is not analyzed.
template <typename T> void uninstantiated(T value) {
  std::thread worker(process, static_cast<int>(value));
}

// near-miss: any call may throw, but only explicit throws are followed (the
// handler is reached through work() only).
void callMayThrow() {
  std::thread worker(work);
  try {
    work();
  } catch (...) {
    worker.join();
    throw;
  }
  worker.join();
}
