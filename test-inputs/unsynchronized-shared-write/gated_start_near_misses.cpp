// RUN-STD: c++20
// Workers that start together at a latch and each work under a mutex of
// their own, yet are ordered by something after the write, so none of
// these is a race:
// - the writer publishes under a mutex the reader waits on after its work;
// - the main thread joins the writer, then opens a semaphore the reader
//   waits on before it reads;
// - the reader takes the writer's lock around its read (a lock both sides
//   take).
#include <cstdio>
#include <latch>
#include <mutex>
#include <condition_variable>
#include <semaphore>
#include <thread>

struct Ledger {
  std::mutex write_mu;
  std::mutex read_mu;
  long balance = 0;
  long seen = 0;
};

// The writer sets `posted` under the hand-off mutex after the write; the
// reader waits for it under that mutex, then reads.
void published_after_the_write() {
  Ledger ledger;
  std::mutex handoff_mu;
  std::condition_variable handoff_cv;
  bool posted = false;
  std::latch start(2);
  std::thread writer([&] {
    start.arrive_and_wait();
    {
      std::lock_guard<std::mutex> guard(ledger.write_mu);
      ledger.balance += 100;
    }
    std::lock_guard<std::mutex> guard(handoff_mu);
    posted = true;
    handoff_cv.notify_all();
  });
  std::thread reader([&] {
    start.arrive_and_wait();
    {
      std::unique_lock<std::mutex> lock(handoff_mu);
      handoff_cv.wait(lock, [&] { return posted; });
    }
    std::lock_guard<std::mutex> guard(ledger.read_mu);
    ledger.seen = ledger.balance;
  });
  writer.join();
  reader.join();
  std::printf("%ld\n", ledger.seen);
}

// The main thread learns of the writer's end by joining it, then lets the
// reader go.
void relayed_by_the_join() {
  Ledger ledger;
  std::binary_semaphore go(0);
  std::latch start(2);
  std::thread writer([&] {
    start.arrive_and_wait();
    std::lock_guard<std::mutex> guard(ledger.write_mu);
    ledger.balance += 100;
  });
  std::thread reader([&] {
    start.arrive_and_wait();
    go.acquire();
    std::lock_guard<std::mutex> guard(ledger.read_mu);
    ledger.seen = ledger.balance;
  });
  writer.join();
  go.release();
  reader.join();
  std::printf("%ld\n", ledger.seen);
}

// Both sides take the writer's lock around the balance.
void one_lock_around_both() {
  Ledger ledger;
  std::latch start(2);
  std::thread writer([&] {
    start.arrive_and_wait();
    std::lock_guard<std::mutex> guard(ledger.write_mu);
    ledger.balance += 100;
  });
  std::thread reader([&] {
    start.arrive_and_wait();
    long copy;
    {
      std::lock_guard<std::mutex> guard(ledger.write_mu);
      copy = ledger.balance;
    }
    std::lock_guard<std::mutex> guard(ledger.read_mu);
    ledger.seen = copy;
  });
  writer.join();
  reader.join();
  std::printf("%ld\n", ledger.seen);
}

int main() {
  published_after_the_write();
  relayed_by_the_join();
  one_lock_around_both();
  return 0;
}
