// A get-or-create that binds a local reference to a map's element and
// returns it (`Session &s = sessions_[id]; ...; return s;`) hands back that
// element: the caller's write through it, after the lock is gone, meets a
// reader that walks the map under the lock (`for (const auto &[id, s] :
// sessions_)` reads each element's mapped value, the same object as
// `sessions_[id]`). Near miss: the write made by a method under the lock.
#include <cstdint>
#include <mutex>
#include <thread>
#include <unordered_map>

struct Session {
  std::uint64_t user = 0;
  std::int64_t lastSeen = 0;
};

class SessionTable {
public:
  Session &getOrCreate(std::uint64_t id, std::uint64_t user) {
    std::lock_guard<std::mutex> lock(mutex_);
    Session &s = sessions_[id];
    if (s.user == 0)
      s.user = user;
    return s;
  }
  void touch(std::uint64_t id, std::int64_t now) {
    std::lock_guard<std::mutex> lock(mutex_);
    sessions_[id].lastSeen = now;
  }
  int idle(std::int64_t now) const {
    std::lock_guard<std::mutex> lock(mutex_);
    int count = 0;
    for (const auto &[id, s] : sessions_)
      if (now - s.lastSeen > 30000)
        ++count;
    return count;
  }

private:
  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, Session> sessions_;
};

void handleFrames(SessionTable &table, std::uint64_t id, int frames) {
  for (int i = 0; i < frames; ++i) {
    Session &session = table.getOrCreate(id, 7);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'table.sessions_.lastSeen' in the worker's own slot, which another thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    session.lastSeen = i;
  }
}

void handleLocked(SessionTable &table, std::uint64_t id, int frames) {
  for (int i = 0; i < frames; ++i)
    table.touch(id, i);
}

void sweep(const SessionTable &table, int &idle) {
  for (int pass = 0; pass < 5; ++pass)
    // EXPECT-NOTE@+1:13 another worker reads 'table.sessions_.second.lastSeen' through this call of 'SessionTable::idle'
    idle += table.idle(pass);
}

int serve(SessionTable &table) {
  int idle = 0;
  // EXPECT-NOTE@+1:15 the worker is started here
  std::thread handler(handleFrames, std::ref(table), 42, 30);
  // EXPECT-NOTE@+1:15 the reading worker is started here
  std::thread sweeper(sweep, std::cref(table), std::ref(idle));
  handler.join();
  sweeper.join();
  return idle;
}

int serveLocked(SessionTable &table) {
  int idle = 0;
  std::thread handler(handleLocked, std::ref(table), 42, 30);
  std::thread sweeper(sweep, std::cref(table), std::ref(idle));
  handler.join();
  sweeper.join();
  return idle;
}
