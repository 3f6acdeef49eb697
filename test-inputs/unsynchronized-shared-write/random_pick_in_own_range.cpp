// RUN-STD: c++17
// A memory benchmark: each thread copies its own part [i0, i1) of a
// buffer and then touches one random byte of that part, `src[i0 + rand()
// % (i1 - i0)]`, so the copy cannot be optimized away. The pick lies in
// [i0, i1) like a counter running from i0 to i1: the thread's own part.
// Near misses that are reported: a random byte of the whole buffer, and a
// pick in a range every thread shares.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

int main(int argc, char **) {
  const std::size_t size = 1 << 16;
  const int parts = argc + 3;
  char *src = static_cast<char *>(std::malloc(size));
  char *dst = static_cast<char *>(std::malloc(size));
  std::memset(src, 1, size);

  auto copyOwnPart = [&](int th) {
    const std::int64_t i0 = (th + 0) * static_cast<std::int64_t>(size) / parts;
    const std::int64_t i1 = (th + 1) * static_cast<std::int64_t>(size) / parts;
    for (int round = 0; round < 4; ++round) {
      std::memcpy(dst + i0, src + i0, i1 - i0);
      src[i0 + std::rand() % (i1 - i0)] = static_cast<char>(round);
    }
  };
  std::vector<std::thread> copiers;
  for (int th = 0; th < parts; ++th)
    copiers.emplace_back(copyOwnPart, th);
  for (std::thread &t : copiers)
    t.join();

  auto touchAnywhere = [&](int th) {
    // EXPECT-WARNING@+1:5 unsynchronized write to '*src' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    src[std::rand() % size] = static_cast<char>(th);
  };
  std::vector<std::thread> touchers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int th = 0; th < parts; ++th)
    touchers.emplace_back(touchAnywhere, th);
  for (std::thread &t : touchers)
    t.join();

  const std::int64_t lo = 0, hi = static_cast<std::int64_t>(size);
  auto touchShared = [&](int th) {
    // EXPECT-WARNING@+1:5 unsynchronized write to '*dst' in a worker launched several times at once; make it std::atomic, guard every access with one mutex, or give each worker its own slot and combine them once all have finished
    dst[lo + std::rand() % (hi - lo)] = static_cast<char>(th);
  };
  std::vector<std::thread> sharers;
  // EXPECT-NOTE@+1:3 the worker is launched on each iteration of this loop, and the iterations' workers run at the same time
  for (int th = 0; th < parts; ++th)
    sharers.emplace_back(touchShared, th);
  for (std::thread &t : sharers)
    t.join();

  std::printf("%d\n", src[0] + dst[0]);
  std::free(src);
  std::free(dst);
  return 0;
}
