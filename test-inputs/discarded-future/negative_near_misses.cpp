// Near misses: futures that are waited for, handed on, deferred, kept in a
// container that is drained, or members. All must stay silent.
#include <chrono>
#include <future>
#include <string>
#include <utility>
#include <vector>

void work();
int compute(int value);
void consume(std::future<int> future);

// near-miss: get() on the temporary.
int getAtOnce() { return std::async(std::launch::async, compute, 1).get(); }

// near-miss: wait() on the temporary.
void waitAtOnce() { std::async(std::launch::async, work).wait(); }

// near-miss: deferred policy starts no thread.
void deferred() { std::async(std::launch::deferred, work); }

// near-miss: a runtime policy parlint cannot see.
void runtimePolicy(std::launch policy) { std::async(policy, work); }

// near-miss: kept and waited on every path.
int waitedEverywhere(bool quick) {
  auto result = std::async(std::launch::async, compute, 2);
  if (quick)
    return result.get();
  return result.get() + 1;
}

// near-miss: wait_for counts as waited.
bool waitedFor() {
  auto result = std::async(std::launch::async, work);
  return result.wait_for(std::chrono::seconds(1)) == std::future_status::ready;
}

// near-miss: wait_until counts as waited.
void waitedUntil() {
  auto result = std::async(std::launch::async, work);
  result.wait_until(std::chrono::steady_clock::now() + std::chrono::seconds(1));
}

// near-miss: returned to the caller.
std::future<int> handedBack() { return std::async(std::launch::async, compute, 3); }

// near-miss: a local returned.
std::future<int> localReturned() {
  auto result = std::async(std::launch::async, compute, 4);
  return result;
}

// near-miss: moved into a function.
void movedAway() {
  auto result = std::async(std::launch::async, compute, 5);
  consume(std::move(result));
}

// near-miss: kept in a container that is drained afterwards.
int drained(const std::vector<int> &values) {
  std::vector<std::future<int>> results;
  for (int value : values)
    results.push_back(std::async(std::launch::async, compute, value));
  int sum = 0;
  for (auto &result : results)
    sum += result.get();
  return sum;
}

// near-miss: a member future.
class Loader {
public:
  void start() { pending_ = std::async(std::launch::async, work); }
  void finish() { pending_.get(); }

private:
  std::future<void> pending_;
};

// near-miss: the future is shared.
std::shared_future<int> shared() {
  return std::async(std::launch::async, compute, 6).share();
}

// near-miss: passed straight to a function.
void passedOn() { consume(std::async(std::launch::async, compute, 7)); }

// near-miss: captured by reference in a lambda that waits.
void capturedByReference() {
  auto result = std::async(std::launch::async, compute, 8);
  auto finish = [&result] { return result.get(); };
  finish();
}

// near-miss: the joinable-style guard: valid() then get().
void guarded() {
  auto result = std::async(std::launch::async, compute, 9);
  if (result.valid())
    result.get();
}

// near-miss: a std::future that does not come from std::async.
void promised() {
  std::promise<int> promise;
  auto future = promise.get_future();
  promise.set_value(1);
}

// near-miss: a deferred future kept and dropped.
void deferredLocal() {
  auto lazy = std::async(std::launch::deferred, compute, 10);
}
