// A range-for with structured bindings (`for (const auto &[id, s] :
// sessions_)`) reads the members it names of each element, as `kv.second`
// would: it meets a write of the same member, made under a lock the reader
// does not take. A reader that walks the map (its keys, its size) while
// another thread writes a member of an element under the lock reads
// nothing that write touches: silent.
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

struct Session {
  std::uint64_t bytesIn = 0;
  std::uint64_t bytesOut = 0;
};

class SessionTable {
public:
  void onFrameIn(std::uint64_t id, std::uint64_t len) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = sessions_.find(id);
    if (it != sessions_.end())
      // EXPECT-WARNING@+1:7 unsynchronized write to 'table.sessions_.second.bytesIn' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      it->second.bytesIn += len;
  }
  std::uint64_t totalIn() const {
    std::uint64_t total = 0;
    for (const auto &[id, s] : sessions_)
      total += s.bytesIn;
    return total;
  }
  std::uint64_t idSum() const {
    std::uint64_t sum = 0;
    for (const auto &[id, s] : sessions_)
      sum += id;
    return sum + sessions_.size();
  }

private:
  mutable std::mutex mutex_;
  std::map<std::uint64_t, Session> sessions_;
};

void receive(SessionTable &table) {
  for (std::uint64_t i = 0; i < 100; ++i)
    // EXPECT-NOTE@+1:5 the worker makes the write through this call of 'onFrameIn'
    table.onFrameIn(i % 4, 64);
}

void exportTotals(const SessionTable &table, std::uint64_t &out) {
  // EXPECT-NOTE@+1:9 another worker reads 'table.sessions_.second.bytesIn' here without holding the lock taken at the write
  out = table.totalIn();
}

void exportIds(const SessionTable &table, std::uint64_t &out) {
  out = table.idSum();
}

std::uint64_t scrape(SessionTable &table) {
  std::uint64_t total = 0;
  std::thread io(receive, std::ref(table));
  std::thread exporter(exportTotals, std::cref(table), std::ref(total));
  io.join();
  exporter.join();
  return total;
}

std::uint64_t listIds(SessionTable &table) {
  std::uint64_t ids = 0;
  std::thread io(receive, std::ref(table));
  std::thread exporter(exportIds, std::cref(table), std::ref(ids));
  io.join();
  exporter.join();
  return ids;
}
