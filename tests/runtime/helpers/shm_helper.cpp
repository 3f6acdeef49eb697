// Helper spawned by the shared-memory tests as an unrelated process (exec'd,
// so it shares nothing with the test but the segment's name).
//
//   shm_helper array-fill <name> <rows> <cols> <value>
//       opens a SharedArray<int64_t>, checks its shape is rows x cols, and sets
//       element (i, j) to value + i * cols + j.
//   shm_helper value-add <name> <times>
//       opens a SharedValue<long> and adds 1 to it `times` times.
//   shm_helper create-and-crash <name>
//       creates a named SharedArray and dies without running destructors.
// Exit status 0 on success, 2 on a wrong shape, 3 on an exception.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "parlint/shared_array.h"
#include "parlint/shared_value.h"

int main(int argc, char** argv) try {
  std::string cmd = argc > 1 ? argv[1] : "";
  if (cmd == "array-fill" && argc == 6) {
    auto a = parlint::SharedArray<std::int64_t>::open(argv[2]);
    std::size_t rows = std::strtoul(argv[3], nullptr, 10), cols = std::strtoul(argv[4], nullptr, 10);
    std::int64_t value = std::strtoll(argv[5], nullptr, 10);
    if (a.rank() != 2 || a.shape()[0] != rows || a.shape()[1] != cols) return 2;
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j) a.view(i, j) = value + static_cast<std::int64_t>(i * cols + j);
    return 0;
  }
  if (cmd == "value-add" && argc == 4) {
    auto v = parlint::SharedValue<long>::open(argv[2]);
    long times = std::strtol(argv[3], nullptr, 10);
    for (long i = 0; i < times; ++i) v.fetch_add(1);
    return 0;
  }
  if (cmd == "create-and-crash" && argc == 3) {
    auto a = parlint::SharedArray<int>::create_named(argv[2], {16});
    std::printf("%s\n", a.name().c_str());
    std::fflush(stdout);
    _exit(0);  // skips the destructor that would unlink the segment
  }
  std::fprintf(stderr, "usage: shm_helper array-fill|value-add|create-and-crash ...\n");
  return 64;
} catch (const std::exception& e) {
  std::fprintf(stderr, "shm_helper: %s\n", e.what());
  return 3;
}
