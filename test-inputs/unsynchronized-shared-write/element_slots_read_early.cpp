// Each thread gets its own element of one array (`std::ref(slots[i])`,
// `&slots[i]`) and writes only that element. The launching thread that sums
// the elements while the threads run races with each of them; reading them
// after the joins, reading only a member the threads never write, or reading
// its own element at index 0 that no thread is given, is fine.
#include <functional>
#include <thread>
#include <vector>

struct Meter {
  long done = 0;
  long limit = 0;
};

static Meter g_meters[8];

static void fill(Meter &m) {
  for (long i = 0; i < m.limit; ++i)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_meters.done' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    m.done = i;
}

long progress_while_running() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    g_meters[i].limit = 1000;
    // EXPECT-NOTE@+1:5 the worker is started here
    threads.emplace_back(fill, std::ref(g_meters[i]));
  }
  long shown = 0;
  for (int i = 0; i < 8; ++i)
    // EXPECT-NOTE@+1:14 the launching thread reads 'g_meters.done' here while the worker may still be running
    shown += g_meters[i].done;
  for (auto &t : threads)
    t.join();
  return shown;
}

static void fill_pointer(Meter *m) {
  for (long i = 0; i < m->limit; ++i)
    m->done = i;
}

// Near miss: the sums come after every join.
long progress_after_join() {
  Meter meters[4];
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    meters[i].limit = 500;
    threads.emplace_back(fill_pointer, &meters[i]);
  }
  for (auto &t : threads)
    t.join();
  long total = 0;
  for (const Meter &m : meters)
    total += m.done;
  return total;
}

// Near miss: the launching thread reads only the limits, which the threads
// never write.
long limits_while_running() {
  Meter meters[4];
  for (Meter &m : meters)
    m.limit = 200;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(fill_pointer, &meters[i]);
  long limits = 0;
  for (int i = 0; i < 4; ++i)
    limits += meters[i].limit;
  for (auto &t : threads)
    t.join();
  return limits;
}

// Near miss: each launch joins before the next, so no thread runs while the
// launching thread reads.
long one_at_a_time() {
  Meter meters[4];
  long total = 0;
  for (int i = 0; i < 4; ++i) {
    meters[i].limit = 100;
    std::thread t(fill_pointer, &meters[i]);
    t.join();
    total += meters[i].done;
  }
  return total;
}
