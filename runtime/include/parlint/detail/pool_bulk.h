// The shared state of one parallel_for/map call.
//
// The range is cut into chunks; the caller and up to one helper task per
// worker claim chunks with one atomic increment each (batch hand-over: a
// worker is woken once per call, not once per element). The job lives in a
// shared_ptr so a helper that starts after all chunks were claimed touches
// only the job, never the caller's stack: the body is reached only through a
// claimed chunk, and the caller returns only after every claimed chunk ran.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <utility>

namespace parlint::detail {

class BulkJob {
 public:
  using ChunkFn = void (*)(void* body, std::size_t chunk);

  BulkJob(std::size_t chunks, ChunkFn run_chunk, void* body) noexcept
      : chunks_(chunks), run_chunk_(run_chunk), body_(body) {}

  // Claims and runs chunks until none is left.
  void work() {
    for (;;) {
      const std::size_t chunk = next_.fetch_add(1, std::memory_order_relaxed);
      if (chunk >= chunks_) return;
      // After a failure the remaining chunks are claimed but skipped, so the
      // caller sees the first exception quickly.
      if (!failed_.load(std::memory_order_relaxed)) {
        try {
          run_chunk_(body_, chunk);
        } catch (...) {
          record_failure(std::current_exception());
        }
      }
      // acq_rel: the chunk's writes (map results) happen-before the caller's
      // acquire load of a completed count.
      if (done_.fetch_add(1, std::memory_order_acq_rel) + 1 == chunks_) {
        std::lock_guard<std::mutex> lock(mutex_);
        finished_cv_.notify_all();
      }
    }
  }

  bool finished() const noexcept { return done_.load(std::memory_order_acquire) == chunks_; }

  void wait_blocking() {
    std::unique_lock<std::mutex> lock(mutex_);
    finished_cv_.wait(lock, [this] { return finished(); });
  }

  // Moves the exception out before throwing it: a helper that starts late
  // may drop the last reference to the job on a worker thread, and the
  // exception must not die there while the caller is still handling it.
  void rethrow_if_failed() {
    if (!failed_.load(std::memory_order_acquire)) return;
    std::exception_ptr error;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      std::swap(error, error_);
    }
    std::rethrow_exception(error);
  }

 private:
  void record_failure(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failed_.load(std::memory_order_relaxed)) {
      error_ = std::move(error);
      failed_.store(true, std::memory_order_release);
    }
  }

  const std::size_t chunks_;
  const ChunkFn run_chunk_;
  void* const body_;
  alignas(64) std::atomic<std::size_t> next_{0};
  alignas(64) std::atomic<std::size_t> done_{0};
  std::atomic<bool> failed_{false};
  std::exception_ptr error_;
  std::mutex mutex_;
  std::condition_variable finished_cv_;
};

}  // namespace parlint::detail
