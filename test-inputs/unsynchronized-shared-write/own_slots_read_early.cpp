// Each worker writes only its own slot, which is fine between workers; the
// launching thread that reads the slots while the workers still run (a live
// progress total) races with every one of them. Reading after the joins, or
// a slot member it never reads early, is fine.
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <thread>
#include <vector>

struct Progress {
  std::uint64_t done = 0;
  std::uint64_t failed = 0;
};

static void crunch(int id, std::vector<Progress> *slots, int items) {
  Progress &mine = (*slots)[id];
  for (int i = 0; i < items; ++i) {
    // EXPECT-WARNING@+1:5 unsynchronized write to 'slots.done' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    mine.done = mine.done + 1;
    if ((i + id) % 7 == 0)
      ++mine.failed;
  }
}

int live_total(int workers, int items) {
  std::vector<Progress> slots(workers);
  std::vector<std::thread> threads;
  for (int id = 0; id < workers; ++id)
    // EXPECT-NOTE@+1:5 the worker is started here
    threads.emplace_back(crunch, id, &slots, items);
  std::uint64_t shown = 0;
  for (const Progress &p : slots)
    // EXPECT-NOTE@+1:14 the launching thread reads 'slots.done' here while the worker may still be running
    shown += p.done;
  for (auto &t : threads)
    t.join();
  std::uint64_t failed = 0;
  for (const Progress &p : slots)
    failed += p.failed;
  return static_cast<int>(shown + failed);
}

static std::uint64_t g_counts[8];

static void count_into(int id, int items) {
  for (int i = 0; i < items; ++i)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'g_counts' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
    g_counts[id] += 1;
}

std::uint64_t peek_counts(int items) {
  std::vector<std::thread> threads;
  for (int id = 0; id < 8; ++id)
    // EXPECT-NOTE@+1:5 the worker is started here
    threads.emplace_back(count_into, id, items);
  std::uint64_t early = 0;
  for (int i = 0; i < 8; ++i)
    // EXPECT-NOTE@+1:14 the launching thread reads 'g_counts' here while the worker may still be running
    early += g_counts[i];
  for (auto &t : threads)
    t.join();
  return early;
}

// Near misses: the slots read only after every join; atomic slots.
int total_after_join(int workers, int items) {
  std::vector<Progress> slots(workers);
  std::vector<std::thread> threads;
  for (int id = 0; id < workers; ++id)
    threads.emplace_back(crunch, id, &slots, items);
  for (auto &t : threads)
    t.join();
  std::uint64_t total = 0;
  for (const Progress &p : slots)
    total += p.done;
  return static_cast<int>(total);
}

static std::atomic<std::uint64_t> g_live[8];

static void count_live(int id, int items) {
  for (int i = 0; i < items; ++i)
    g_live[id].fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t peek_live(int items) {
  std::vector<std::thread> threads;
  for (int id = 0; id < 8; ++id)
    threads.emplace_back(count_live, id, items);
  std::uint64_t early = 0;
  for (int i = 0; i < 8; ++i)
    early += g_live[i].load(std::memory_order_relaxed);
  for (auto &t : threads)
    t.join();
  return early;
}

// Near miss: the launching thread works on slot 0 itself and reads only
// that slot before the joins.
static std::uint64_t g_shares[4];

static void share(int id) {
  for (int k = 0; k < 100; ++k)
    g_shares[id] += static_cast<std::uint64_t>(k);
}

std::uint64_t own_share_first() {
  std::vector<std::thread> threads;
  for (int id = 1; id < 4; ++id)
    threads.emplace_back(share, id);
  g_shares[0] = 5;
  std::uint64_t mine = g_shares[0];
  for (auto &t : threads)
    t.join();
  return mine + g_shares[1];
}

// Near miss: the launching loop's `results.size()` reads the vector's size,
// which the workers' element writes never change.
void fill_by_size(std::vector<unsigned long> &results) {
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < results.size(); ++i)
    threads.emplace_back([&results, i] { results[i] = i * 3; });
  for (auto &t : threads)
    t.join();
}
