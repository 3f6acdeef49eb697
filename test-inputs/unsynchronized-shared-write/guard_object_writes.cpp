// An object of the program's own class made in a worker's code writes in
// its constructor and again in its destructor at the end of its scope: a
// depth guard counting a global nesting level (`DepthGuard g;`), reached
// through the parser's methods or written in the worker itself. Near
// misses: the guard takes a lock around the count, and the count is
// thread_local.
#include <mutex>
#include <string>
#include <thread>

static int g_depth = 0;

struct DepthGuard {
  // The member initializer's write comes first (one report per object).
  // EXPECT-WARNING@+1:21 unsynchronized write to 'g_depth' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  DepthGuard() : ok(++g_depth <= 16) {}
  ~DepthGuard() { --g_depth; }
  bool ok;
};

class Parser {
public:
  explicit Parser(const std::string &text) : text_(text) {}
  bool value() {
    DepthGuard guard;
    if (!guard.ok)
      return false;
    if (pos_ < text_.size() && text_[pos_] == '[') {
      ++pos_;
      return value();
    }
    return true;
  }

private:
  std::string text_;
  size_t pos_ = 0;
};

static void check(const std::string &text, bool &valid) {
  Parser parser(text);
  // EXPECT-NOTE@+1:11 the worker makes the write through this call of 'value'
  valid = parser.value();
}

bool checkTwo() {
  bool a = false, b = false;
  std::thread t1(check, std::string("[[1]]"), std::ref(a));
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread t2(check, std::string("[2]"), std::ref(b));
  t1.join();
  t2.join();
  return a && b;
}

static std::mutex g_level_mutex;
static int g_level = 0;

struct LockedLevel {
  LockedLevel() {
    std::lock_guard<std::mutex> hold(g_level_mutex);
    ++g_level;
  }
  ~LockedLevel() {
    std::lock_guard<std::mutex> hold(g_level_mutex);
    --g_level;
  }
};

static thread_local int t_level = 0;

struct ThreadLevel {
  ThreadLevel() { ++t_level; }
  ~ThreadLevel() { --t_level; }
};

void guardsInTheWorker() {
  std::thread t1([] { LockedLevel level; ThreadLevel mine; });
  std::thread t2([] { LockedLevel level; ThreadLevel mine; });
  t1.join();
  t2.join();
}
