// A getter that takes the lock and returns a reference to the guarded
// member (`const State &state() const { lock_guard g(mu_); return state_; }`)
// lets the caller read the member after the lock is gone: those reads meet
// a writer that holds the lock. Near misses: a getter returning a copy
// made under the lock, and a reference getter nobody writes through.
#include <atomic>
#include <mutex>
#include <thread>

struct RoomState {
  int players = 0;
  long score = 0;
};

class Room {
public:
  const RoomState &state() const {
    std::lock_guard<std::mutex> hold(mu_);
    return state_;
  }
  RoomState snapshot() const {
    std::lock_guard<std::mutex> hold(mu_);
    return state_;
  }
  void tick() {
    std::lock_guard<std::mutex> hold(mu_);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'room.state_.players' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    state_.players = (state_.players + 1) % 16;
    state_.score += 3;
  }

private:
  mutable std::mutex mu_;
  RoomState state_;
};

static int players_of(const RoomState &s) { return s.players; }

int watch_players(int rounds) {
  Room room;
  std::atomic<bool> done{false};
  // EXPECT-NOTE@+1:46 the worker makes the write through this call of 'tick'
  std::thread sim([&] { while (!done.load()) room.tick(); });
  int changes = 0;
  std::thread lobby([&] {
    const RoomState &s = room.state();
    for (int i = 0; i < rounds; ++i)
      // EXPECT-NOTE@+1:18 another worker reads 'room.state_.players' here without holding the lock taken at the write
      changes += players_of(s) != 0;
  });
  lobby.join();
  done.store(true);
  sim.join();
  return changes;
}

/* Near misses. */

int watch_snapshots(int rounds) {
  Room room;
  std::atomic<bool> done{false};
  std::thread sim([&] { while (!done.load()) room.tick(); });
  int changes = 0;
  std::thread lobby([&] {
    for (int i = 0; i < rounds; ++i)
      changes += room.snapshot().players != 0; // a copy made under the lock
  });
  lobby.join();
  done.store(true);
  sim.join();
  return changes;
}

class Settings {
public:
  const RoomState &defaults() const {
    std::lock_guard<std::mutex> hold(mu_);
    return defaults_;
  }

private:
  mutable std::mutex mu_;
  RoomState defaults_;
};

int read_defaults(const Settings &settings) {
  int seen = 0;
  std::thread a([&] { seen += settings.defaults().players; });
  std::thread b([&] { (void)settings.defaults().score; });
  a.join();
  b.join();
  return seen;
}
