// parlint::ThreadPool's non-template members: thin forwards to PoolCore.
#include "parlint/thread_pool.h"

#include <thread>

#include "pool_core.h"

namespace parlint {
namespace {

// Chunks per participating thread for parallel_for/map: enough that a thread
// preempted mid-chunk delays the call by a small fraction, few enough that
// claiming chunks stays far below the cost of the work.
constexpr std::size_t kChunksPerThread = 8;

}  // namespace

ThreadPool::ThreadPool() : ThreadPool(default_thread_count()) {}

ThreadPool::ThreadPool(std::size_t threads) {
  if (threads == 0) throw std::invalid_argument("parlint::ThreadPool needs at least one thread");
  core_ = std::make_unique<detail::PoolCore>(threads);
}

// Drain and join while the pool is whole: posted tasks report errors to it.
ThreadPool::~ThreadPool() { shutdown(ShutdownMode::drain); }

std::size_t ThreadPool::default_thread_count() noexcept {
  return default_worker_count();
}

std::size_t ThreadPool::size() const noexcept { return core_->size(); }
bool ThreadPool::in_worker() const noexcept { return core_->current_thread_is_worker(); }
void ThreadPool::enqueue(detail::Task&& task) { core_->enqueue(std::move(task)); }
void ThreadPool::keep_first_error(std::exception_ptr error) { core_->keep_first_error(std::move(error)); }
bool ThreadPool::help_once() { return core_->help_once(); }
void ThreadPool::wait_idle() { core_->wait_idle(); }
void ThreadPool::shutdown(ShutdownMode mode) { core_->shutdown(mode == ShutdownMode::drop_pending); }

std::size_t ThreadPool::auto_chunk_size(std::size_t count) const noexcept {
  const std::size_t target_chunks = (size() + 1) * kChunksPerThread;  // workers + caller
  return std::max<std::size_t>(1, count / target_chunks);
}

void ThreadPool::start_helpers(const std::shared_ptr<detail::BulkJob>& job, std::size_t chunks) {
  const std::size_t helpers = std::min(size(), chunks - 1);
  core_->enqueue_copies(helpers, [&job] { return detail::Task([job] { job->work(); }); });
}

// The caller has run out of chunks to claim; others still run theirs.
void ThreadPool::wait_for_job(detail::BulkJob& job) {
  if (in_worker()) {
    while (!job.finished())
      if (!help_once()) std::this_thread::yield();
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(20);
  while (!job.finished()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      job.wait_blocking();
      return;
    }
    std::this_thread::yield();
  }
}

}  // namespace parlint
