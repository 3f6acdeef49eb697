// parlint::default_pool(): created on first use, replaced in a forked child,
// shut down at exit without waiting for running tasks.
#include "parlint/default_pool.h"

#include <pthread.h>

#include <atomic>
#include <cstdlib>
#include <mutex>

#include "pool_access.h"

namespace parlint {
namespace {

std::atomic<ThreadPool*> g_pool{nullptr};
std::mutex g_create_mutex;
std::once_flag g_hooks_installed;

// Pools inherited by forked children: kept reachable (leak checkers stay
// quiet) and never touched again. Room for a few generations of forks; a
// deeper one simply forgets the pointer.
constexpr int kMaxAbandoned = 16;
ThreadPool* g_abandoned[kMaxAbandoned];
int g_abandoned_count = 0;

// No pool is created while fork() copies the process: the child finds the
// mutex unlocked and either no pool or a complete one.
void before_fork() { g_create_mutex.lock(); }
void after_fork_in_parent() { g_create_mutex.unlock(); }

// The child has only the forking thread: the parent's workers are not here,
// so its pool must not be used (tasks would never run) nor shut down
// (joining threads that do not exist). The next call makes a fresh one.
void after_fork_in_child() {
  if (ThreadPool* inherited = g_pool.exchange(nullptr, std::memory_order_relaxed)) {
    if (g_abandoned_count < kMaxAbandoned) g_abandoned[g_abandoned_count++] = inherited;
  }
  g_create_mutex.unlock();
}

// The pool stays allocated (and g_pool points to it): a static destructor
// that runs later and still posts gets "submitted after shutdown()" instead
// of a dangling pool.
void at_exit() {
  if (ThreadPool* pool = g_pool.load(std::memory_order_acquire)) detail::PoolAccess::shutdown_at_exit(*pool);
}

void install_hooks() {
  ::pthread_atfork(before_fork, after_fork_in_parent, after_fork_in_child);
  std::atexit(at_exit);
}

}  // namespace

ThreadPool& default_pool() {
  if (ThreadPool* pool = g_pool.load(std::memory_order_acquire)) return *pool;
  std::lock_guard<std::mutex> lock(g_create_mutex);
  if (ThreadPool* pool = g_pool.load(std::memory_order_relaxed)) return *pool;
  std::call_once(g_hooks_installed, install_hooks);
  auto* pool = new ThreadPool(default_worker_count());
  g_pool.store(pool, std::memory_order_release);
  return *pool;
}

}  // namespace parlint
