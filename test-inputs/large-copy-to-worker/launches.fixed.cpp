// Every launch of the shared model copies into its worker the same way.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <deque>
#include <future>
#include <list>
#include <thread>
#include <utility>
#include <vector>

namespace parlint {
class ThreadPool {
public:
  template <class F, class... Args> auto submit(F &&f, Args &&...args) {
    return std::async(std::launch::deferred, std::forward<F>(f),
                      std::forward<Args>(args)...);
  }
};
} // namespace parlint

void work(std::vector<int> data);
long total(const std::vector<int> &data);

void emplaceFront(std::deque<std::thread> &threads, const std::vector<int> &items) {
  std::vector<int> data = items;
  // EXPECT-WARNING@+1:31 'data' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  threads.emplace_front(work, data);
  // EXPECT-NOTE@+1:9 'data' may be used here after the launch, so it is not moved; pass std::cref(data) if the thread is finished before it goes out of scope
  total(data);
}

void emplaceAtPosition(std::list<std::thread> &threads, const std::vector<int> &items) {
  std::vector<int> data = items;
  // EXPECT-WARNING@+1:42 'data' (std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  threads.emplace(threads.begin(), work, data);
  // EXPECT-NOTE@+1:9 'data' may be used here after the launch, so it is not moved; pass std::cref(data) if the thread is finished before it goes out of scope
  total(data);
}

void postToAsioPool(boost::asio::thread_pool &pool, const std::vector<int> &items) {
  std::vector<int> data = items;
  // EXPECT-WARNING@+1:28 'data' (std::vector<int>) is captured by copy into the new task; move it into the capture or capture a reference that outlives the task
  boost::asio::post(pool, [data] { total(data); });
  // EXPECT-NOTE@+1:9 'data' may be used here after the launch, so it is not moved; capture it by reference if the task is finished before 'data' goes out of scope
  total(data);
}

void postToExecutor(boost::asio::thread_pool &pool, const std::vector<int> &items) {
  std::vector<int> data = items;
  // EXPECT-WARNING@+1:43 'data' (std::vector<int>) is captured by copy into the new task; move it into the capture or capture a reference that outlives the task
  boost::asio::post(pool.get_executor(), [data] { total(data); });
  // EXPECT-NOTE@+1:9 'data' may be used here after the launch, so it is not moved; capture it by reference if the task is finished before 'data' goes out of scope
  total(data);
}

void lambdaHeldInAVariable(const std::vector<int> &items) {
  std::vector<int> data = items;
  auto job = [data] { total(data); };
  // EXPECT-WARNING@+1:21 'job' (a lambda holding a copy of 'data', std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  std::thread first(job);
  // EXPECT-NOTE@+2:22 'job' may be used here after the launch, so it is not moved; pass std::cref(job) if the thread is finished before it goes out of scope
  // EXPECT-WARNING@+1:22 'job' (a lambda holding a copy of 'data', std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  std::thread second(std::move(job));
  first.join();
  second.join();
}

void lambdaMovedIntoTheThread(const std::vector<int> &items) {
  std::vector<int> data = items;
  auto job = [data] { total(data); };
  // EXPECT-WARNING@+1:20 'job' (a lambda holding a copy of 'data', std::vector<int>) is copied into the new thread; move it or pass a reference that outlives the thread
  std::thread only(std::move(job));
  only.join();
}

void submitToParlintPool(parlint::ThreadPool &pool, const std::vector<int> &items) {
  std::vector<int> data = items;
  // EXPECT-WARNING@+1:33 'data' (std::vector<int>) is copied into the new task; move it or pass a reference that outlives the task
  auto done = pool.submit(work, data);
  // EXPECT-NOTE@+1:9 'data' may be used here after the launch, so it is not moved; pass std::cref(data) if the task is finished before it goes out of scope
  total(data);
  done.get();
}

// near-miss: the lambda held in a variable is moved into the thread.
void lambdaMoved(const std::vector<int> &items) {
  std::vector<int> data = items;
  auto job = [data = std::move(data)] { total(data); };
  std::thread t(std::move(job));
  t.join();
}

// near-miss: the lambda held in a variable captures by reference.
void lambdaByReference(const std::vector<int> &items) {
  auto job = [&items] { total(items); };
  std::thread t(job);
  t.join();
}

// near-miss: posting a lambda that captures nothing large.
void postSmall(boost::asio::thread_pool &pool, int n) {
  boost::asio::post(pool, [n] { (void)n; });
}
