// Near misses across functions: helpers called a bounded number of times,
// helpers whose worker does not outlive the call or not on every call,
// unknown code, caps on the live workers, recursions with a cutoff or
// without a spawn.
#include <algorithm>
#include <atomic>
#include <future>
#include <string>
#include <thread>
#include <vector>

struct Conn {
  int fd;
};
void serve(Conn c);

void handle(Conn c) { std::thread(serve, c).detach(); }

// Called once, and in a loop with a constant count.
void once(const std::vector<Conn> &conns) {
  if (!conns.empty())
    handle(conns.front());
  for (int i = 0; i < 4; ++i)
    handle(conns[i]);
}

// The helper waits for what it starts.
void handleJoined(Conn c) {
  std::thread t(serve, c);
  t.join();
}
void handleWaited(Conn c) { std::async(std::launch::async, serve, c).wait(); }
void joinedHelpers(const std::vector<Conn> &conns) {
  for (const Conn &c : conns) {
    handleJoined(c);
    handleWaited(c);
  }
}

// The helper hands the thread back: the caller's to join.
std::thread startFor(Conn c) { return std::thread(serve, c); }
void handedBack(const std::vector<Conn> &conns) {
  for (const Conn &c : conns)
    startFor(c).join();
}

// A thread only on some calls.
void handleMaybe(Conn c, bool background) {
  if (background)
    std::thread(serve, c).detach();
  else
    serve(c);
}
void handleIfValid(Conn c) {
  if (c.fd < 0)
    return;
  std::thread(serve, c).detach();
}
void someCalls(const std::vector<Conn> &conns) {
  for (const Conn &c : conns) {
    handleMaybe(c, false);
    handleIfValid(c);
  }
}

// Unknown code: a function pointer, a virtual call, a function without a body.
struct Handler {
  virtual void handle(Conn c) { std::thread(serve, c).detach(); }
  virtual ~Handler() = default;
};
void handleElsewhere(Conn c);
void unknownCode(const std::vector<Conn> &conns, Handler &handler,
                 void (*callback)(Conn)) {
  for (const Conn &c : conns) {
    handler.handle(c);
    callback(c);
    handleElsewhere(c);
  }
}

// A cap on the live workers around the call.
std::atomic<int> active{0};
void capped(const std::vector<Conn> &conns) {
  for (const Conn &c : conns) {
    if (active < 8) {
      ++active;
      handle(c);
    }
  }
}

// The same cap around a spawn written in the loop.
void cappedDirect(const std::vector<Conn> &conns) {
  for (const Conn &c : conns) {
    if (active < 8) {
      ++active;
      std::thread(serve, c).detach();
    }
  }
}

// A member thread started per call and joined by another call in the same
// iteration.
class Worker {
public:
  void start(Conn c) { thread_ = std::thread(serve, c); }
  void stop() { thread_.join(); }

private:
  std::thread thread_;
};
void startAndStop(const std::vector<Conn> &conns, Worker &worker) {
  for (const Conn &c : conns) {
    worker.start(c);
    worker.stop();
  }
}

// Each object of the input runs its own thread: a design, not threads piling
// up in one place; and a container made anew in each iteration.
void startEach(std::vector<Worker> &workers, const std::vector<Conn> &conns) {
  for (Worker &worker : workers)
    worker.start(conns.front());
  for (const Conn &c : conns) {
    Worker local;
    local.start(c);
  }
}
void startInto(std::vector<std::thread> &threads, Conn c);
void perIterationContainer(const std::vector<Conn> &conns) {
  for (const Conn &c : conns) {
    std::vector<std::thread> batch;
    startInto(batch, c);
    for (std::thread &t : batch)
      t.join();
  }
}

// Threads kept in the caller's container and joined in the same iteration.
void startInto(std::vector<std::thread> &threads, Conn c) {
  threads.emplace_back(serve, c);
}
void keptAndJoined(const std::vector<Conn> &conns) {
  std::vector<std::thread> threads;
  for (const Conn &c : conns) {
    startInto(threads, c);
    threads.back().join();
  }
}

// Recursions with a cutoff on a size or a depth, and one without a spawn.
void sortSerial(int *begin, int *end) { std::sort(begin, end); }
void sortBySize(int *begin, int *end) {
  if (end - begin < 4096)
    return sortSerial(begin, end);
  int *middle = begin + (end - begin) / 2;
  auto left = std::async(std::launch::async, [=] { sortBySize(begin, middle); });
  sortBySize(middle, end);
  left.wait();
}
void sortByDepth(int *begin, int *end, int depth) {
  if (end - begin < 2)
    return;
  int *middle = begin + (end - begin) / 2;
  if (depth > 0) {
    std::thread left(sortByDepth, begin, middle, depth - 1);
    sortByDepth(middle, end, depth - 1);
    left.join();
  } else {
    sortByDepth(begin, middle, 0);
    sortByDepth(middle, end, 0);
  }
}
void sortByDepthZero(int *begin, int *end, int depth) {
  if (depth == 0)
    return sortSerial(begin, end);
  int *middle = begin + (end - begin) / 2;
  std::thread left(sortByDepthZero, begin, middle, depth - 1);
  sortByDepthZero(middle, end, depth - 1);
  left.join();
}
void sortSequential(int *begin, int *end) {
  if (end - begin < 2)
    return;
  int *middle = begin + (end - begin) / 2;
  sortSequential(begin, middle);
  sortSequential(middle, end);
}
// A retry that starts its successor in a detached thread and ends: a chain
// of threads one after another, not a tree.
void reconnect(int attempt) {
  std::thread([attempt] { reconnect(attempt + 1); }).detach();
}
// A thread, but no recursion.
void notRecursive(int *begin, int *end) {
  std::thread t([=] { sortSerial(begin, end); });
  t.join();
}
