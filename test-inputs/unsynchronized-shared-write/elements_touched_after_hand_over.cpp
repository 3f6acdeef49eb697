// A ring's element touched after the atomic store that hands it to the
// other thread: the consumer gives the slot back (`tail_.store(t + 1,
// release)`) and only then reads it, so the producer may refill it while it
// is read; the producer announces a slot (`head_.store(h + 1)`) before it
// fills it. The other side is a method of the class that loads the counter
// with an acquiring order and touches the array. Near misses: the store
// comes last; no method on the other side acquires the counter; the store
// hands over a slot the access does not index.
#include <array>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

template <typename T, std::size_t N> class SpscRing {
public:
  bool tryPush(const T &v) {
    std::size_t head = head_.load(std::memory_order_relaxed);
    // EXPECT-NOTE@+1:16 the other thread sees the store here
    if (head - tail_.load(std::memory_order_acquire) == N)
      return false;
    // EXPECT-NOTE@+1:5 and then writes the array's elements here
    slots_[head & (N - 1)] = v;
    head_.store(head + 1, std::memory_order_release);
    return true;
  }
  bool tryPop(T &out) {
    std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire))
      return false;
    // EXPECT-NOTE@+1:5 the element is handed over here
    tail_.store(tail + 1, std::memory_order_release);
    // EXPECT-WARNING@+1:11 unsynchronized read of an element of 'slots_' after the store to 'tail_' that hands it to the other thread; read the element before that store
    out = slots_[tail & (N - 1)];
    return true;
  }

private:
  std::array<T, N> slots_{};
  std::atomic<std::size_t> head_{0};
  std::atomic<std::size_t> tail_{0};
};

class EventLog {
public:
  explicit EventLog(std::size_t capacity) : events_(capacity) {}
  void append(int event) {
    std::size_t n = size_.load(std::memory_order_relaxed);
    // EXPECT-NOTE@+1:5 the element is handed over here
    size_.store(n + 1);
    // EXPECT-WARNING@+1:5 unsynchronized write of an element of 'events_' after the store to 'size_' that hands it to the other thread; fill the element before that store
    events_[n] = event;
  }
  int sum() const {
    int total = 0;
    // EXPECT-NOTE@+1:21 the other thread sees the store here
    std::size_t n = size_.load(std::memory_order_acquire);
    for (std::size_t i = 0; i < n; ++i)
      // EXPECT-NOTE@+1:16 and then touches the array's elements here
      total += events_[i];
    return total;
  }

private:
  std::vector<int> events_;
  std::atomic<std::size_t> size_{0};
};

// Near misses: silent.

template <typename T, std::size_t N> class OrderedRing {
public:
  bool tryPush(const T &v) {
    std::size_t head = head_.load(std::memory_order_relaxed);
    if (head - tail_.load(std::memory_order_acquire) == N)
      return false;
    slots_[head & (N - 1)] = v;
    head_.store(head + 1, std::memory_order_release);
    return true;
  }
  bool tryPop(T &out) {
    std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire))
      return false;
    out = slots_[tail & (N - 1)];
    tail_.store(tail + 1, std::memory_order_release);
    return true;
  }

private:
  std::array<T, N> slots_{};
  std::atomic<std::size_t> head_{0};
  std::atomic<std::size_t> tail_{0};
};

class Journal {
public:
  void record(int entry) {
    std::size_t n = count_.load(std::memory_order_relaxed);
    count_.store(n + 1, std::memory_order_release);
    entries_[n % 64] = entry;
  }
  std::size_t count() const { return count_.load(std::memory_order_relaxed); }

private:
  std::array<int, 64> entries_{};
  std::atomic<std::size_t> count_{0};
};

class Cursor {
public:
  void advance(int value) {
    std::size_t at = next_.load(std::memory_order_relaxed);
    next_.store(at + 1, std::memory_order_release);
    scratch_[0] = value;
  }
  int peek() const {
    std::size_t at = next_.load(std::memory_order_acquire);
    return scratch_[at % 4];
  }

private:
  std::array<int, 4> scratch_{};
  std::atomic<std::size_t> next_{0};
};

int main() {
  SpscRing<long, 4> ring;
  OrderedRing<long, 4> ordered;
  std::thread producer([&] {
    for (long i = 0; i < 100; ++i) {
      while (!ring.tryPush(i)) {
      }
      while (!ordered.tryPush(i)) {
      }
    }
  });
  long v = 0, total = 0;
  for (int i = 0; i < 100; ++i) {
    while (!ring.tryPop(v)) {
    }
    total += v;
    while (!ordered.tryPop(v)) {
    }
    total += v;
  }
  producer.join();
  EventLog log(16);
  log.append(1);
  Journal journal;
  journal.record(2);
  Cursor cursor;
  cursor.advance(3);
  return static_cast<int>(total + log.sum() + journal.count() + cursor.peek());
}

// The stored value is a local stepped from the loaded one (`next = (head +
// 1) % N`), in a class template.
template <typename T, std::size_t N> class PeakRing {
public:
  bool try_push(const T &item) {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t next = (head + 1) % N;
    if (next == tail_.load(std::memory_order_acquire))
      return false;
    // EXPECT-NOTE@+1:5 the element is handed over here
    head_.store(next, std::memory_order_release);
    // EXPECT-WARNING@+1:5 unsynchronized write of an element of 'slots_' after the store to 'head_' that hands it to the other thread; fill the element before that store
    slots_[head] = item;
    return true;
  }
  bool try_pop(T &out) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    // EXPECT-NOTE@+1:17 the other thread sees the store here
    if (tail == head_.load(std::memory_order_acquire))
      return false;
    // EXPECT-NOTE@+1:11 and then touches the array's elements here
    out = slots_[tail];
    tail_.store((tail + 1) % N, std::memory_order_release);
    return true;
  }

private:
  std::array<T, N> slots_{};
  std::atomic<std::size_t> head_{0};
  std::atomic<std::size_t> tail_{0};
};

// Near miss: the same ring, filled before the store.
template <typename T, std::size_t N> class SteppedRingFilledFirst {
public:
  bool try_push(const T &item) {
    const std::size_t head = head_.load(std::memory_order_relaxed);
    const std::size_t next = (head + 1) % N;
    if (next == tail_.load(std::memory_order_acquire))
      return false;
    slots_[head] = item;
    head_.store(next, std::memory_order_release);
    return true;
  }
  bool try_pop(T &out) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);
    if (tail == head_.load(std::memory_order_acquire))
      return false;
    out = slots_[tail];
    tail_.store((tail + 1) % N, std::memory_order_release);
    return true;
  }

private:
  std::array<T, N> slots_{};
  std::atomic<std::size_t> head_{0};
  std::atomic<std::size_t> tail_{0};
};

void meters() {
  PeakRing<int, 64> peaks;
  SteppedRingFilledFirst<int, 64> stepped;
  std::thread producer([&] {
    for (int i = 0; i < 100; ++i) {
      peaks.try_push(i);
      stepped.try_push(i);
    }
  });
  int v = 0;
  for (int i = 0; i < 100; ++i) {
    peaks.try_pop(v);
    stepped.try_pop(v);
  }
  producer.join();
}
