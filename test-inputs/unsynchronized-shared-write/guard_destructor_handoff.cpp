// near-miss: the worker publishes its result through a guard object whose
// destructor stores an atomic flag when the worker's scope ends; the
// launching thread spins on the flag before it reads. The hand-off is in the
// guard's constructor and destructor, which the worker never calls by name.
#include <atomic>
#include <thread>

bool probe();

struct ReleaseOnExit {
  explicit ReleaseOnExit(std::atomic<bool> &flag) : flag(flag) {}
  ~ReleaseOnExit() { flag.store(true); }
  std::atomic<bool> &flag;
};

int runProbe() {
  std::atomic<bool> released{false};
  bool succeeded = true;
  std::thread worker([&] {
    ReleaseOnExit guard(released);
    succeeded = probe();
  });
  worker.detach();
  while (!released.load()) {
  }
  return succeeded ? 0 : 1;
}
