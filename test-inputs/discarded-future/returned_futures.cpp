// Futures of std::async that a helper returns, dropped by the caller: the
// temporary's destructor waits for the task right there, as if the helper
// had run synchronously.
#include <future>
#include <vector>

int load(int key);

// EXPECT-NOTE@+1:46 the std::async is started here, in 'startLoad'
std::future<int> startLoad(int key) { return std::async(std::launch::async, load, key); }

void dropped() {
  // EXPECT-WARNING@+1:3 the future returned by 'startLoad' is discarded: it belongs to a std::async, so its destructor blocks here until the task ends, the call runs synchronously and its exception is lost; keep the future and call get() on it
  startLoad(1);
}

// Kept in a local of the helper and returned.
std::future<int> startKept(int key) {
  // EXPECT-NOTE@+1:12 the std::async is started here, in 'startKept'
  auto f = std::async(load, key);
  return f;
}

// Through a wrapper of the wrapper.
// EXPECT-NOTE@+1:47 the std::async is started here, in 'startInner'
std::future<int> startInner(int key) { return std::async(load, key); }
std::future<int> startOuter(int key) { return startInner(key); }

void droppedInLoop(const std::vector<int> &keys) {
  startKept(0); // EXPECT-WARNING:3 the future returned by 'startKept' is discarded: it belongs to a std::async, so its destructor blocks here until the task ends, the call runs synchronously and its exception is lost; keep the future and call get() on it
  for (int key : keys)
    // EXPECT-WARNING@+1:5 the future returned by 'startOuter' is discarded: it belongs to a std::async, so its destructor blocks here until the task ends, the call runs synchronously, the loop's iterations run one after another, and its exception is lost; keep the future and call get() on it after the loop
    startOuter(key);
}

// Near misses: the future is kept and waited, the task is deferred, the
// future comes from a promise, the helper is virtual, or it may return an
// empty future.
std::future<int> startLazy(int key) { return std::async(std::launch::deferred, load, key); }
std::future<int> fromPromise() {
  std::promise<int> promise;
  return promise.get_future();
}
std::future<int> startIf(bool go, int key) {
  if (go)
    return std::async(std::launch::async, load, key);
  return {};
}
struct Loader {
  virtual std::future<int> start(int key) { return std::async(load, key); }
};
std::future<int> declaredOnly(int key);

int nearMisses(Loader &loader, int key) {
  auto kept = startLoad(key);
  int total = startLoad(key + 1).get();
  startLazy(key);
  fromPromise();
  startIf(true, key);
  loader.start(key);
  declaredOnly(key);
  std::future<int> (*pointer)(int) = startLoad;
  pointer(key);
  return total + kept.get();
}
