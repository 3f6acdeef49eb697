// Slots claimed with an atomic ticket: `i = head_.fetch_add(1); slots_[i] =
// e;`. Writers never meet, but the claim moves the counter before the slot
// is filled, so a reader that reads up to the counter reads a slot while it
// is written. Near misses: a second counter stored with release after the
// fill, a ready flag per slot, and a reader that runs only after the
// writers were joined.
#include <array>
#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

struct Event {
  std::uint32_t code;
  std::uint64_t stamp;
};

class TraceRing {
public:
  void record(const Event &e) {
    // EXPECT-NOTE@+1:23 the slot is claimed here: the counter announces it before it is filled, so a reader that trusts the counter reads it while it is written; publish each slot once filled (a second counter stored with release after the write, or a ready flag per slot)
    std::uint32_t i = head_.fetch_add(1);
    // EXPECT-WARNING@+1:5 unsynchronized write to 'ring.slots_' in the worker's own slot, which another thread reads while the worker may still be running; guard every access with one mutex, or read the slots only once the workers have finished
    slots_[i % kCap] = e;
  }
  std::uint32_t published() const { return head_.load(); }
  Event at(std::uint32_t i) const { return slots_[i % kCap]; }

private:
  static constexpr std::uint32_t kCap = 64;
  std::array<Event, kCap> slots_{};
  std::atomic<std::uint32_t> head_{0};
};

class CommittedRing {
public:
  void record(const Event &e) {
    std::uint32_t i = head_.fetch_add(1);
    slots_[i % kCap] = e;
    while (committed_.load() != i)
      std::this_thread::yield();
    committed_.store(i + 1, std::memory_order_release);
  }
  std::uint32_t published() const { return committed_.load(); }
  Event at(std::uint32_t i) const { return slots_[i % kCap]; }

private:
  static constexpr std::uint32_t kCap = 64;
  std::array<Event, kCap> slots_{};
  std::atomic<std::uint32_t> head_{0};
  std::atomic<std::uint32_t> committed_{0};
};

class FlaggedSlab {
public:
  void record(const Event &e) {
    std::size_t i = next_.fetch_add(1);
    events_[i] = e;
    ready_[i].store(true, std::memory_order_release);
  }
  bool take(std::size_t i, Event &out) const {
    if (!ready_[i].load(std::memory_order_acquire))
      return false;
    out = events_[i];
    return true;
  }

private:
  std::array<Event, 64> events_{};
  std::array<std::atomic<bool>, 64> ready_{};
  std::atomic<std::size_t> next_{0};
};

template <typename Ring> static void drain(const Ring &ring, std::uint32_t expect) {
  std::uint32_t seen = 0;
  std::uint64_t sum = 0;
  while (seen < expect) {
    std::uint32_t head = ring.published();
    for (; seen < head; ++seen)
      // EXPECT-NOTE@+1:14 another worker reads 'ring.slots_' through this call of 'TraceRing::at'
      sum += ring.at(seen).stamp;
  }
  (void)sum;
}

// EXPECT-NOTE@+1:40 the worker makes the write through this call of 'record'
static void produce(TraceRing &ring) { ring.record(Event{4, 17}); }
static void produce_committed(CommittedRing &ring) { ring.record(Event{4, 17}); }

void trace_while_flushing() {
  TraceRing ring;
  // EXPECT-NOTE@+1:15 the reading worker is started here
  std::thread flusher(drain<TraceRing>, std::cref(ring), 1u);
  // EXPECT-NOTE@+1:15 the worker is started here
  std::thread network(produce, std::ref(ring));
  network.join();
  flusher.join();
}

void trace_committed() {
  CommittedRing ring;
  std::thread flusher(drain<CommittedRing>, std::cref(ring), 1u);
  std::thread network(produce_committed, std::ref(ring));
  network.join();
  flusher.join();
}

void trace_flagged() {
  FlaggedSlab slab;
  std::thread writer([&slab] { slab.record(Event{1, 2}); });
  std::thread reader([&slab] {
    Event e{};
    while (!slab.take(0, e))
      std::this_thread::yield();
  });
  writer.join();
  reader.join();
}

std::uint64_t trace_then_dump() {
  TraceRing ring;
  std::vector<std::thread> producers;
  for (int t = 0; t < 4; ++t)
    producers.emplace_back(produce, std::ref(ring));
  for (auto &p : producers)
    p.join();
  std::uint64_t sum = 0;
  for (std::uint32_t i = 0; i < ring.published(); ++i)
    sum += ring.at(i).stamp;
  return sum;
}
