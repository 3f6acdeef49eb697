// RUN-STD: c++20
// Workers launched in a loop where only one of them writes a shared value
// (`if (id == 0) th.z = ...`, a calibration) while every other reads it:
// the instances run at once. Near misses: the reads in the same instance,
// write and reads under one mutex, the instances ordered by a latch, and a
// field nobody writes.
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

struct Thresholds {
  double z = 3.0;
  int warmup = 8;
};

void score(int id, Thresholds &th, double *out) {
  if (id == 0)
    // EXPECT-WARNING@+1:5 unsynchronized write to 'th.z' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    th.z = 2.5;
  // EXPECT-NOTE@+1:10 only one instance writes 'th.z', and every other reads it here
  *out = th.z * th.warmup;
}

double scoreAll() {
  Thresholds th;
  double out[3];
  std::vector<std::thread> ts;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int i = 0; i < 3; i++)
    ts.emplace_back(score, i, std::ref(th), &out[i]);
  for (auto &t : ts)
    t.join();
  return out[0];
}

void calibrateAlone(int id, Thresholds &th, double *out) {
  if (id == 0) {
    th.z = 2.5;
    *out = th.z;
  }
}

std::mutex thMutex;

void calibrateLocked(int id, Thresholds &th, double *out) {
  if (id == 0) {
    std::lock_guard<std::mutex> hold(thMutex);
    th.z = 2.5;
  }
  std::lock_guard<std::mutex> hold(thMutex);
  *out = th.z;
}

void calibrateThenWait(int id, Thresholds &th, double *out, std::latch &ready) {
  if (id == 0)
    th.z = 2.5;
  ready.count_down();
  ready.wait();
  *out = th.z;
}

double alone() {
  Thresholds th;
  double out[3];
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; i++)
    ts.emplace_back(calibrateAlone, i, std::ref(th), &out[i]);
  for (auto &t : ts)
    t.join();
  return out[0];
}

double locked() {
  Thresholds th;
  double out[3];
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; i++)
    ts.emplace_back(calibrateLocked, i, std::ref(th), &out[i]);
  for (auto &t : ts)
    t.join();
  return out[0];
}

double thenWait() {
  Thresholds th;
  double out[3];
  std::latch ready(3);
  std::vector<std::thread> ts;
  for (int i = 0; i < 3; i++)
    ts.emplace_back(calibrateThenWait, i, std::ref(th), &out[i], std::ref(ready));
  for (auto &t : ts)
    t.join();
  return out[0];
}
