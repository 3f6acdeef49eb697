// RUN-STD: c++17
// Workers fill their own result slots and count a shared counter down;
// the frame thread spins until it reads zero, then sums the slots. A
// count-down that is not relaxed is a release, and the decrements of one
// counter form one release sequence: the acquire load that reads zero
// sees every worker's slot. A relaxed count-down publishes nothing, so
// the sum meets the writes. The count-down orders each worker with the
// reader, not two workers with each other: a shared total they both add
// to still races.
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

constexpr int kJobs = 4;

float relaxedEnergy[kJobs];
std::atomic<int> relaxedLeft{kJobs};

float energy[kJobs];
std::atomic<int> left{kJobs};

long particles;
std::atomic<int> pending{kJobs};

float frameWithRelaxedCounter() {
  std::vector<std::thread> workers;
  for (int j = 0; j < kJobs; ++j)
    // EXPECT-NOTE@+1:5 the worker is started here
    workers.emplace_back([j] {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'relaxedEnergy' in the worker's own slot, which the launching thread reads while the worker may still be running; make it std::atomic, guard every access with one mutex, or read the slots only once the workers have finished
      relaxedEnergy[j] = 0.5f * static_cast<float>(j);
      relaxedLeft.fetch_sub(1, std::memory_order_relaxed);
    });
  while (relaxedLeft.load(std::memory_order_acquire) != 0)
    std::this_thread::yield();
  float total = 0;
  for (int j = 0; j < kJobs; ++j)
    // EXPECT-NOTE@+1:14 the launching thread reads 'relaxedEnergy' here while the worker may still be running
    total += relaxedEnergy[j];
  for (std::thread &w : workers)
    w.join();
  return total;
}

float frameWithCountDown() {
  std::vector<std::thread> workers;
  for (int j = 0; j < kJobs; ++j)
    workers.emplace_back([j] {
      energy[j] = 0.5f * static_cast<float>(j);
      left.fetch_sub(1);
    });
  while (left.load(std::memory_order_acquire) != 0)
    std::this_thread::yield();
  float total = 0;
  for (int j = 0; j < kJobs; ++j)
    total += energy[j];
  for (std::thread &w : workers)
    w.join();
  return total;
}

long frameWithSharedTotal() {
  std::vector<std::thread> workers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int j = 0; j < kJobs; ++j)
    workers.emplace_back([j] {
      // EXPECT-WARNING@+1:7 unsynchronized write to 'particles' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
      particles += j + 1;
      --pending;
    });
  while (pending.load() != 0)
    std::this_thread::yield();
  long seen = particles;
  for (std::thread &w : workers)
    w.join();
  return seen;
}

int main() {
  std::printf("%.1f %.1f %ld\n", frameWithRelaxedCounter(), frameWithCountDown(),
              frameWithSharedTotal());
  return 0;
}
