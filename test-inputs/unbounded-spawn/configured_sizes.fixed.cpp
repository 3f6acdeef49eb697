// Loops bounded by a container's size are input-sized only when the
// container's size came from the input: one sized from a configured count
// (a constructor's pool_size, a parameter, a constant) is a configured count.
#include <parlint/task_group.h>

#include <cstddef>
#include <memory>
#include <thread>
#include <vector>

void work(std::size_t index);
void serve(int context);

// near-miss: every slot of a vector sized from a configured count gets a thread.
void fillSlots(std::size_t workers) {
  std::vector<std::thread> pool(workers);
  for (std::size_t i = 0; i < pool.size(); ++i)
    pool[i] = std::thread(work, i);
  for (auto &t : pool)
    t.join();
}

// near-miss: the same over a range-for assigning each element.
void fillEachElement(std::size_t workers) {
  std::vector<std::thread> threads(workers);
  for (auto &t : threads)
    t = std::thread(work, 0);
  for (auto &t : threads)
    t.join();
}

// near-miss: a member sized in the constructor from pool_size, then one thread
// per element (asio's io_context_pool shape).
class ContextPool {
public:
  explicit ContextPool(std::size_t pool_size) {
    for (std::size_t i = 0; i < pool_size; ++i)
      contexts_.push_back(static_cast<int>(i));
  }
  void run() {
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < contexts_.size(); ++i)
      threads.emplace_back(serve, contexts_[i]);
    for (auto &t : threads)
      t.join();
  }

private:
  std::vector<int> contexts_;
};

// near-miss: a member vector constructed with a configured count.
class Workers {
public:
  explicit Workers(std::size_t count) : slots_(count) {}
  void start() {
    for (auto &slot : slots_)
      slot = std::thread(work, 1);
  }
  ~Workers() {
    for (auto &slot : slots_)
      slot.join();
  }

private:
  std::vector<std::thread> slots_;
};

// A vector sized from the input is input-sized all the same.
void slotPerItem(const std::vector<int> &items) {
  std::vector<std::thread> pool(items.size());
  // EXPECT-NOTE@+1:3 the loop's bound is derived from a container's size
  for (std::size_t i = 0; i < pool.size(); ++i)
    // EXPECT-WARNING@+1:15 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
    pool[i] = std::thread(work, i);
  for (auto &t : pool)
    t.join();
}

// A member filled from the input.
class Clients {
public:
  explicit Clients(const std::vector<int> &fds) {
    for (int fd : fds)
      fds_.push_back(fd);
  }
  void serveAll() {
    parlint::TaskGroup group;
    // EXPECT-NOTE@+1:5 the loop's bound is derived from a container's size
    for (std::size_t i = 0; i < fds_.size(); ++i)
      // EXPECT-WARNING@+1:7 starting a std::thread on every iteration of a loop without a small bound creates an unbounded number of threads; use a bounded pool such as parlint::default_pool() through a parlint::TaskGroup
      group.post(serve, fds_[i]);
    // EXPECT-NOTE@+1:5 with the fix, parlint::TaskGroup::wait() here rethrows the first exception a task threw, where an exception leaving a std::thread called std::terminate
    group.wait();
  }

private:
  std::vector<int> fds_;
};
