// The size of a thread-pool library's pool is its number of workers alive at
// once: BS::thread_pool, CTPL, the single-header ThreadPool, and a project's
// own pool named in the global options.
// RUN-CONFIG: {CheckOptions: {parlint.PoolTypes: 'engine::Workers'}}
#include <parlint/worker_count.h>

#include <string>
#include <vector>

// Stand-ins with the libraries' names and the shape of their constructors.
namespace BS {
class thread_pool {
public:
  explicit thread_pool(unsigned threads = 0);
};
} // namespace BS

namespace ctpl {
class thread_pool {
public:
  explicit thread_pool(int threads);
};
} // namespace ctpl

class ThreadPool {
public:
  explicit ThreadPool(unsigned threads);
};

namespace engine {
class Workers {
public:
  Workers(const std::string &name, int threads);
};
} // namespace engine

void pools() {
  // EXPECT-WARNING@+1:27 hardcoded worker count: BS::thread_pool is constructed with 8 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  BS::thread_pool decoder(parlint::default_worker_count());
  // EXPECT-WARNING@+1:29 hardcoded worker count: ctpl::thread_pool is constructed with 4 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  ctpl::thread_pool uploads(parlint::default_worker_count());
  // EXPECT-WARNING@+1:19 hardcoded worker count: ThreadPool is constructed with 16 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  ThreadPool pool(parlint::default_worker_count());
  // EXPECT-WARNING@+1:28 hardcoded worker count: engine::Workers is constructed with 6 workers whatever the machine; use parlint::default_worker_count() or a configured count instead of the literal
  engine::Workers io("io", parlint::default_worker_count());
}

// near-miss: sizes from the machine, a default, one worker.
void sized(unsigned cores) {
  BS::thread_pool machine(cores);
  BS::thread_pool defaulted;
  ctpl::thread_pool serial(1);
}
