// A registry's get-or-create method (`auto it = counters_.find(name); if
// (it == counters_.end()) it = counters_.emplace(...).first; return
// *it->second;`), or a find returning `it->second.get()` or null, hands back
// an element of its member container: workers that look up the same key (a
// literal name, a std::string made of one) get the same object, and what
// they write through it, by reference or by pointer, is shared. A temporary
// guard (`std::lock_guard<std::mutex>{mutex_};`) unlocks at the end of its
// own statement and guards nothing. Near misses: each worker looks up a key
// of its own (two launches given two different constants); the element's
// own mutex guards the write.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

class Counter {
public:
  void add(std::uint64_t n) {
    // A temporary guard: it unlocks at the end of its own statement.
    std::lock_guard<std::mutex>{mutex_};
    // EXPECT-WARNING@+1:5 unsynchronized write to 'reg.counters_.value_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    value_ += n;
  }
  void observe(std::uint64_t n) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'reg.counters_.samples_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    ++samples_;
    // EXPECT-WARNING@+1:5 unsynchronized write to 'reg.counters_.sum_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    sum_ += n;
  }
  // EXPECT-WARNING@+1:18 unsynchronized write to 'reg.counters_.value_' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  void clear() { value_ = 0; }
  void addLocked(std::uint64_t n) {
    std::lock_guard<std::mutex> lock(mutex_);
    value_ += n;
  }
  std::uint64_t value() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return value_;
  }

private:
  mutable std::mutex mutex_;
  std::uint64_t value_ = 0;
  std::uint64_t samples_ = 0;
  std::uint64_t sum_ = 0;
};

class Registry {
public:
  Counter &counter(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = counters_.find(name);
    if (it == counters_.end())
      it = counters_.emplace(name, std::make_unique<Counter>()).first;
    return *it->second;
  }
  Counter *find(const std::string &name) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = counters_.find(name);
    return it == counters_.end() ? nullptr : it->second.get();
  }

private:
  std::mutex mutex_;
  std::map<std::string, std::unique_ptr<Counter>> counters_;
};

struct Gauge {
  double level = 0;
};

class GaugeTable {
public:
  Gauge &at(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return gauges_[id];
  }

private:
  std::mutex mutex_;
  std::map<int, Gauge> gauges_;
};

void countRequests(Registry &reg, int n) {
  Counter &requests = reg.counter("requests_total");
  for (int i = 0; i < n; ++i)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'add'
    requests.add(1);
}

void countBytes(Registry &reg, int n) {
  Counter &bytes = reg.counter(std::string("bytes_total"));
  for (int i = 0; i < n; ++i)
    // EXPECT-NOTE@+2:5 the worker makes the write through this call of 'observe'
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'observe'
    bytes.observe(512);
}

void countRetries(Registry &reg) {
  if (Counter *retries = reg.find("retries_total"))
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'clear'
    retries->clear();
}

void countOwn(Registry &reg, std::string name, int n) {
  Counter &mine = reg.counter(name);
  for (int i = 0; i < n; ++i)
    mine.add(1);
}

void countLocked(Registry &reg, int n) {
  Counter &errors = reg.counter("errors_total");
  for (int i = 0; i < n; ++i)
    errors.addLocked(1);
}

void sample(GaugeTable &table, int id) {
  Gauge &g = table.at(id);
  g.level += 0.5;
}

void sampleFirst(GaugeTable &table) {
  Gauge &g = table.at(0);
  // EXPECT-WARNING@+1:3 unsynchronized write to 'table.gauges_.level' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
  g.level += 0.5;
}

int main() {
  Registry reg;
  {
    std::thread a(countRequests, std::ref(reg), 100);
    // EXPECT-NOTE@+1:17 the same worker is launched again here, and both may run at the same time
    std::thread b(countRequests, std::ref(reg), 200);
    a.join();
    b.join();
  }
  {
    std::thread a(countBytes, std::ref(reg), 100);
    // EXPECT-NOTE@+2:17 the same worker is launched again here, and both may run at the same time
    // EXPECT-NOTE@+1:17 the same worker is launched again here, and both may run at the same time
    std::thread b(countBytes, std::ref(reg), 200);
    a.join();
    b.join();
  }
  {
    std::thread a(countOwn, std::ref(reg), std::string("a_total"), 100);
    std::thread b(countOwn, std::ref(reg), std::string("b_total"), 200);
    a.join();
    b.join();
  }
  {
    std::thread a(countLocked, std::ref(reg), 100);
    std::thread b(countLocked, std::ref(reg), 200);
    a.join();
    b.join();
  }
  {
    std::thread a(countRetries, std::ref(reg));
    // EXPECT-NOTE@+1:17 the same worker is launched again here, and both may run at the same time
    std::thread b(countRetries, std::ref(reg));
    a.join();
    b.join();
  }
  GaugeTable table;
  {
    std::thread a(sample, std::ref(table), 1);
    std::thread b(sample, std::ref(table), 2);
    a.join();
    b.join();
  }
  {
    std::thread a(sampleFirst, std::ref(table));
    // EXPECT-NOTE@+1:17 the same worker is launched again here, and both may run at the same time
    std::thread b(sampleFirst, std::ref(table));
    a.join();
    b.join();
  }
  return 0;
}
