// parlint::ThreadPool's non-template members: thin forwards to PoolCore.
#include "parlint/thread_pool.h"

#include <thread>

#include "pool_core.h"

namespace parlint {
namespace {

// Guided pieces for parallel_for/map without a chunk size: a piece is the
// unclaimed rest over (threads * kGuidedDivisorPerThread), and never smaller
// than the range over (threads * kFinestPiecesPerThread). Large first pieces
// keep claims few (a few dozen per call); the small last ones keep the time a
// finished thread waits for the others, or a preempted thread delays the
// call, to a small fraction of the work.
constexpr std::size_t kGuidedDivisorPerThread = 2;
constexpr std::size_t kFinestPiecesPerThread = 256;

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
std::size_t ThreadPool::threads_started() const { return core_->threads_started(); }
bool ThreadPool::in_worker() const noexcept { return core_->current_thread_is_worker(); }
void ThreadPool::enqueue(detail::Task&& task) { core_->enqueue(std::move(task)); }
void ThreadPool::keep_first_error(std::exception_ptr error) { core_->keep_first_error(std::move(error)); }
bool ThreadPool::help_once() { return core_->help_once(); }
void ThreadPool::wait_idle() { core_->wait_idle(); }
void ThreadPool::shutdown(ShutdownMode mode) { core_->shutdown(mode == ShutdownMode::drop_pending); }

// The caller claims pieces too, so it counts against the machine's cores:
// one helper per worker would run one thread more than there are cores when
// the pool is as large as the machine, and a thread preempted while holding
// the last piece stretches the whole call by a scheduler time slice. A caller
// that is itself a worker leaves the other workers to help.
std::size_t ThreadPool::bulk_helpers() const noexcept {
  if (in_worker()) return size() - 1;
  return std::min<std::size_t>(size(), core_->machine_cores() - 1);
}

detail::BulkSplit ThreadPool::bulk_split(std::size_t count, std::size_t chunk_size) const noexcept {
  if (chunk_size != 0) return {count, chunk_size, 0};
  const std::size_t threads = bulk_helpers() + 1;
  return {count, std::max<std::size_t>(1, count / (threads * kFinestPiecesPerThread)),
          threads * kGuidedDivisorPerThread};
}

void ThreadPool::start_helpers(const std::shared_ptr<detail::BulkJob>& job, const detail::BulkSplit& split) {
  const std::size_t most_pieces = split.count / split.grain + (split.count % split.grain != 0 ? 1 : 0);
  const std::size_t helpers = std::min(bulk_helpers(), most_pieces - 1);
  detail::PoolCore* core = core_.get();
  core_->enqueue_copies(helpers, [&job, core] {
    return detail::Task([job, core] {
      job->work();
      core->linger_after_this_task();
    });
  });
}

// The caller has run out of pieces to claim; others still run theirs.
void ThreadPool::wait_for_job(detail::BulkJob& job) {
  if (in_worker()) {
    while (!job.finished())
      if (!help_once()) std::this_thread::yield();
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(200);
  while (!job.finished()) {
    if (std::chrono::steady_clock::now() >= deadline) {
      job.wait_blocking();
      return;
    }
    std::this_thread::yield();
  }
}

}  // namespace parlint
