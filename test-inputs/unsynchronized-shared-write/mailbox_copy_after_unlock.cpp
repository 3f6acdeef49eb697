// A one-slot mailbox class whose take() releases the lock before it copies
// the slot out: the producer's next put() (under the lock) refills the slot
// meanwhile. The report is at the assignment in put(), not in the packet's
// implicit copy assignment. Near miss: a take() that copies under the lock.
#include <condition_variable>
#include <mutex>
#include <thread>

struct Packet {
  unsigned seq;
  unsigned len;
};

class Mailbox {
public:
  void put(const Packet &p) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [this] { return !full_; });
    // EXPECT-WARNING@+1:5 unsynchronized write to 'box.slot_' while a worker started earlier may be reading it; guard every access with one mutex
    slot_ = p;
    full_ = true;
    not_empty_.notify_one();
  }

  bool take_late(Packet &out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [this] { return full_ || closed_; });
    if (!full_)
      return false;
    full_ = false;
    not_full_.notify_one();
    lock.unlock();
    out = slot_;
    return true;
  }

  bool take(Packet &out) {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [this] { return full_ || closed_; });
    if (!full_)
      return false;
    out = slot_;
    full_ = false;
    not_full_.notify_one();
    return true;
  }

  void close() {
    std::unique_lock<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }

private:
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_;
  Packet slot_{};
  bool full_ = false;
  bool closed_ = false;
};

unsigned run_late(unsigned n) {
  Mailbox box;
  unsigned total = 0;
  // EXPECT-NOTE@+1:15 the worker is started here
  std::thread consumer([&] {
    Packet p;
    // EXPECT-NOTE@+1:12 the worker reads 'box.slot_' through this call of 'Mailbox::take_late' without holding the lock taken at the write
    while (box.take_late(p))
      total += p.len;
  });
  for (unsigned seq = 0; seq < n; ++seq)
    // EXPECT-NOTE@+1:5 the launching thread makes the write through this call of 'Mailbox::put'
    box.put(Packet{seq, seq % 64});
  box.close();
  consumer.join();
  return total;
}

unsigned run_locked(unsigned n) {
  Mailbox box;
  unsigned total = 0;
  std::thread consumer([&] {
    Packet p;
    while (box.take(p))
      total += p.len;
  });
  for (unsigned seq = 0; seq < n; ++seq)
    box.put(Packet{seq, seq % 64});
  box.close();
  consumer.join();
  return total;
}
