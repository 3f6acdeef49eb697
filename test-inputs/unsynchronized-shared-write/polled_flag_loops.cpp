// A worker that polls an atomic flag in its loop's condition runs the loop's
// body while it sees the flag unset: setting the flag orders nothing the
// launching thread wrote before it with what the body reads or writes. What
// the worker reads after the loop, once it saw the flag set, is ordered.
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

struct Connection {
  int fd = -1;
  std::atomic<bool> closing{false};
  unsigned long bytes_in = 0;
};

static int fake_read(int fd, unsigned long round) { return static_cast<int>((round + fd) % 512); }

static void serve(Connection *c) {
  for (unsigned long round = 0; round < 200000 && !c->closing.load(); ++round) {
    // EXPECT-NOTE@+1:14 the worker reads 'conn.fd' here
    int fd = c->fd;
    if (fd < 0)
      break;
    c->bytes_in += static_cast<unsigned long>(fake_read(fd, round));
  }
}

static void expire(Connection *c) {
  // EXPECT-WARNING@+1:3 unsynchronized write to 'conn.fd' while a worker started earlier may be reading it; make it std::atomic or guard every access with one mutex
  c->fd = -1;
  c->closing.store(true);
}

unsigned long serve_until_expired() {
  Connection conn;
  conn.fd = 7;
  // EXPECT-NOTE@+1:15 the worker is started here
  std::thread handler(serve, &conn);
  // EXPECT-NOTE@+1:3 the launching thread makes the write through this call of 'expire'
  expire(&conn);
  handler.join();
  return conn.bytes_in;
}

struct Sampler {
  std::atomic<bool> stop{false};
  long samples = 0;
};

static void sample(Sampler *s) {
  while (!s->stop.load())
    // EXPECT-WARNING@+1:5 unsynchronized write to 'sampler.samples' in a worker that runs while the launching thread uses it; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    ++s->samples;
}

long samples_before_join() {
  Sampler sampler;
  std::thread t(sample, &sampler);
  sampler.stop.store(true);
  // EXPECT-NOTE@+1:15 the launching thread reads 'sampler.samples' here while the worker may still be running
  long seen = sampler.samples;
  t.join();
  return seen;
}

// Two workers polling one flag run their loops' bodies at the same time.
static long g_ticks = 0;
static std::atomic<bool> g_quit{false};

static void tick() {
  while (!g_quit.load())
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_ticks' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    g_ticks += 1;
}

void tick_twice() {
  std::thread a(tick);
  // EXPECT-NOTE@+1:15 the same worker is launched again here, and both may run at the same time
  std::thread b(tick);
  g_quit.store(true);
  a.join();
  b.join();
}

// Near miss: the worker reads the payload only after its loop saw the flag
// set, and the launching thread wrote it before setting the flag.
struct Mailbox {
  std::atomic<bool> ready{false};
  long payload = 0;
};

static long take(Mailbox *m) {
  while (!m->ready.load()) {
  }
  return m->payload;
}

long publish_then_take() {
  Mailbox box;
  long got = 0;
  std::thread t([&] { got = take(&box); });
  box.payload = 42;
  box.ready.store(true);
  t.join();
  return got;
}

// Near miss: the loop also waits on a condition variable, which may be how
// the two threads take turns.
struct Feed {
  std::mutex m;
  std::condition_variable cv;
  std::atomic<bool> stop{false};
  bool has_item = false;
  long item = 0;
};

static void consume(Feed *f, long *sum) {
  while (!f->stop.load()) {
    std::unique_lock<std::mutex> lock(f->m);
    f->cv.wait(lock, [f] { return f->has_item || f->stop.load(); });
    if (f->has_item) {
      *sum += f->item;
      f->has_item = false;
    }
  }
}

long feed_one() {
  Feed feed;
  long sum = 0;
  std::thread t(consume, &feed, &sum);
  {
    std::lock_guard<std::mutex> lock(feed.m);
    feed.item = 5;
    feed.has_item = true;
  }
  feed.cv.notify_one();
  feed.stop.store(true);
  feed.cv.notify_one();
  t.join();
  return sum;
}

// Near miss: everything the loop reads was written before the start, and the
// count is read after the join.
long count_until_stopped() {
  Sampler sampler;
  sampler.samples = 10;
  std::thread t(sample, &sampler);
  sampler.stop.store(true);
  t.join();
  return sampler.samples;
}
