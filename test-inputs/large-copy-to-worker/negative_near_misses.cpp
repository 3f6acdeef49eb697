// Near-misses: no copy of a large object reaches a worker, or the copy is
// not a worker launch. parlint must stay silent on every one of them.
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <array>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <pthread.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

void consume(std::vector<int> rows);
void summarize(const std::vector<int> &rows);
void inspect(const std::vector<int> *rows);
void openFile(std::string path);
std::vector<int> makeRows();

struct Point {
  int x, y;
};
void plot(Point p);

void nearMisses(std::vector<int> &shared, const std::vector<int> &input) {
  std::vector<int> rows(100);
  // near-miss: a temporary is moved into the thread, not copied.
  std::thread a(consume, makeRows());
  // near-miss: std::move'd argument.
  std::thread b(consume, std::move(rows));
  // near-miss: std::cref passes a reference.
  std::thread c(summarize, std::cref(input));
  // near-miss: a pointer is cheap to copy.
  std::thread d(inspect, &shared);
  // near-miss: std::string is not a default container (a name or a path is
  // cheap and often what keeps the worker's input alive).
  std::string path = "/tmp/x";
  std::thread e(openFile, path);
  // near-miss: a small struct.
  Point origin{0, 0};
  std::thread f(plot, origin);
  // near-miss: capture by reference.
  std::thread g([&shared] { summarize(shared); });
  // near-miss: an init-capture that moves.
  std::vector<int> owned(10);
  std::thread h([owned = std::move(owned)] { summarize(owned); });
  // near-miss: a worker taking the container by value, given a prvalue.
  std::thread i(consume, std::vector<int>(10, 1));
  // near-miss: a function pointer argument.
  void (*callback)(const std::vector<int> &) = summarize;
  std::thread j([](void (*cb)(const std::vector<int> &)) {}, callback);
  // near-miss: a shared_ptr to the data, not the data.
  auto sharedRows = std::make_shared<const std::vector<int>>(10);
  std::thread k([sharedRows] { summarize(*sharedRows); });
  // near-miss: an array argument decays to a pointer.
  int raw[4096] = {};
  std::thread l([](int *p) { (void)p; }, raw);
  for (auto *t : {&a, &b, &c, &d, &e, &f, &g, &h, &i, &j, &k, &l})
    t->join();
}

// near-miss: copies into non-worker callables: std::function and std::bind
// that are never handed to a thread.
void notWorkers(const std::vector<int> &rows) {
  std::function<void()> later = [rows] { summarize(rows); };
  auto bound = std::bind(consume, rows);
  later();
  bound();
}

// near-miss: a container of size 0 passed on as a const& parameter, through
// std::cref.
void forwardRef(const std::vector<int> &empty) {
  std::thread t(summarize, std::cref(empty));
  t.join();
}

// near-miss: a by-copy capture of a small value and of this.
class Counter {
public:
  void start() {
    int step = 2;
    std::thread([this, step] { count_ += step; }).join();
  }

private:
  int count_ = 0;
};

// near-miss: pthreads take a void*, never a copy.
void *runRows(void *arg);
void withPthread(std::vector<int> &rows) {
  pthread_t id;
  pthread_create(&id, nullptr, runRows, &rows);
  pthread_join(id, nullptr);
}

// near-miss: fork copies the whole address space, but no argument.
void withFork(const std::vector<int> &rows) {
  if (fork() == 0) {
    summarize(rows);
    _exit(0);
  }
}

// near-miss: boost::asio::post is not a std::thread/std::async launch (the
// check does not model pools).
void withPool(const std::vector<int> &rows) {
  boost::asio::thread_pool pool(2);
  boost::asio::post(pool, [&rows] { summarize(rows); });
  pool.join();
}

// near-miss: std::async given a std::ref and a moved map.
int withAsync(std::map<int, int> table) {
  auto f = std::async(std::launch::async, [](std::map<int, int> &t) { return int(t.size()); }, std::ref(table));
  auto g = std::async([](std::map<int, int> t) { return int(t.size()); }, std::move(table));
  return f.get() + g.get();
}

// near-miss: an object just under the size threshold.
struct Small {
  std::array<char, 4096> bytes;
};
void useSmall(Small s);
void underThreshold() {
  Small s{};
  std::thread(useSmall, s).join();
}
