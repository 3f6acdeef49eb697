// A helper whose write sits on a path its caller picks with an argument
// (`if (is_error) d.errors++;`): a call passing a constant that takes the
// path makes the write on every call, even a few calls down, and an argument
// that is the caller's own parameter carries the choice one call up. Near
// misses: calls that only pass the value that skips the path, a value from
// the data (parlint cannot tell which path it picks), and the write under
// the lock both sides take.
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

struct Diagnostics {
  std::vector<std::string> messages;
  int errors = 0;
  int warnings = 0;
};

static void report(Diagnostics &d, bool is_error, const std::string &msg) {
  d.messages.push_back(msg);
  if (is_error)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'front.errors' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    d.errors++;
  else
    d.warnings++;
}

struct Unit { std::string name; bool broken; };

static void check_unit(const Unit &u, Diagnostics &d) {
  if (u.broken)
    report(d, true, u.name + ": broken");
}

static int check_all(const std::vector<Unit> &units, Diagnostics &d) {
  for (const Unit &u : units)
    check_unit(u, d);
  return static_cast<int>(units.size());
}

int errors_before_get(const std::vector<Unit> &units) {
  Diagnostics front;
  // EXPECT-NOTE@+1:62 the worker makes the write through this call of 'check_all'
  auto pending = std::async(std::launch::async, [&] { return check_all(units, front); });
  // EXPECT-NOTE@+1:7 the launching thread reads 'front.errors' here while the worker may still be running
  if (front.errors == 0)
    return pending.get();
  return -pending.get();
}

enum Level { Debug, Info, Error };

struct Counters {
  long lines = 0;
  long errors = 0;
};

static void count_line(Counters &c, Level level) {
  if (level != Error)
    return;
  // EXPECT-WARNING@+1:3 unsynchronized write to 'counters.errors' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  ++c.errors;
}

static void log_line(Counters &c, Level level) { count_line(c, level); }

long error_lines(int n) {
  Counters counters;
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&counters, n] {
      for (int i = 0; i < n; ++i)
        // EXPECT-NOTE@+1:9 the worker makes the write through this call of 'log_line'
        log_line(counters, Error);
    });
  for (std::thread &w : workers)
    w.join();
  return counters.errors;
}

/* Near misses. */

long info_lines(int n) {
  Counters counters;
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&counters, n] {
      for (int i = 0; i < n; ++i)
        log_line(counters, Info); // skips the write
    });
  for (std::thread &w : workers)
    w.join();
  return counters.errors;
}

long levels_from_data(const std::vector<Level> &levels) {
  Counters counters;
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t)
    workers.emplace_back([&counters, &levels] {
      for (Level level : levels)
        log_line(counters, level); // which path: the data's
    });
  for (std::thread &w : workers)
    w.join();
  return counters.errors;
}

static std::mutex diagnostics_lock;

static void report_locked(Diagnostics &d, bool is_error) {
  std::lock_guard<std::mutex> hold(diagnostics_lock);
  if (is_error)
    d.errors++;
}

int errors_under_lock(const std::vector<Unit> &units) {
  Diagnostics front;
  auto pending = std::async(std::launch::async, [&] {
    for (const Unit &u : units)
      report_locked(front, true);
    return 0;
  });
  int seen;
  {
    std::lock_guard<std::mutex> hold(diagnostics_lock);
    seen = front.errors;
  }
  return seen + pending.get();
}
