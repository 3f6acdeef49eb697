// A one-slot mailbox: the producer writes the next payload on each trip and
// then raises the `full` flag under the lock and notifies, but never waits
// for the consumer to empty the slot, and the consumer reads the payload
// after it has released the lock. The notify orders the write with the read
// of the same trip only; the next trip's write meets it. Near misses: a
// producer that waits until the slot is empty (under the lock) before it
// writes, and a worker whose result is read once, after it says it is done.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

struct Mailbox {
  std::mutex mu;
  std::condition_variable cv;
  bool full = false;
  bool closed = false;
  std::uint64_t payload = 0;
};

static std::uint64_t frame(int i) { return static_cast<std::uint64_t>(i) * 2654435761u; }

static void close_box(Mailbox *box) {
  {
    std::lock_guard<std::mutex> lock(box->mu);
    box->closed = true;
  }
  box->cv.notify_all();
}

static void eager_producer(Mailbox *box, int n) {
  for (int i = 1; i <= n; ++i) {
    // EXPECT-WARNING@+2:5 unsynchronized write to 'mb.payload' in a worker that runs alongside another worker using it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    // EXPECT-NOTE@+1:5 the worker writes it again on each trip without waiting until the other side has taken the last value; wait for that under the lock first, then write
    box->payload = frame(i);
    {
      std::lock_guard<std::mutex> lock(box->mu);
      box->full = true;
    }
    box->cv.notify_one();
  }
  close_box(box);
}

static void patient_producer(Mailbox *box, int n) {
  for (int i = 1; i <= n; ++i) {
    std::unique_lock<std::mutex> lock(box->mu);
    box->cv.wait(lock, [box] { return !box->full; });
    box->payload = frame(i);
    box->full = true;
    lock.unlock();
    box->cv.notify_all();
  }
  close_box(box);
}

static void consumer(Mailbox *box, std::uint64_t *digest) {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(box->mu);
      box->cv.wait(lock, [box] { return box->full || box->closed; });
      if (!box->full)
        return;
    }
    // EXPECT-NOTE@+1:23 another worker reads 'mb.payload' here
    std::uint64_t v = box->payload;
    *digest ^= v + (*digest << 6);
    {
      std::lock_guard<std::mutex> lock(box->mu);
      box->full = false;
    }
    box->cv.notify_all();
  }
}

std::uint64_t run_eager(int n) {
  Mailbox mb;
  std::uint64_t digest = 0;
  std::thread c(consumer, &mb, &digest);
  std::thread p(eager_producer, &mb, n);
  p.join();
  c.join();
  return digest;
}

std::uint64_t run_patient(int n) {
  Mailbox mb;
  std::uint64_t digest = 0;
  std::thread c(consumer, &mb, &digest);
  std::thread p(patient_producer, &mb, n);
  p.join();
  c.join();
  return digest;
}

// A worker that reports progress on each trip and its result once, after
// the loop; the reader waits for `done` before it reads the result.
struct Progress {
  std::atomic<int> step{0};
  std::atomic<bool> done{false};
  std::uint64_t result = 0;
};

static void compute(Progress *p, int n) {
  for (int i = 1; i <= n; ++i) {
    p->result += frame(i);
    p->step.store(i, std::memory_order_release);
  }
  p->done.store(true, std::memory_order_release);
}

static void report(Progress *p, std::uint64_t *out) {
  while (!p->done.load(std::memory_order_acquire)) {
  }
  *out = p->result;
}

std::uint64_t run_progress(int n) {
  Progress progress;
  std::uint64_t out = 0;
  std::thread worker(compute, &progress, n);
  std::thread reader(report, &progress, &out);
  worker.join();
  reader.join();
  return out;
}
