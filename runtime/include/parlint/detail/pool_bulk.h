// The shared state of one parallel_for/map call.
//
// The caller and up to one helper task per worker claim pieces of the index
// range with one compare-and-swap each (batch hand-over: a worker is woken
// once per call, not once per element). With a grain given by the user every
// piece has that size. Otherwise pieces are guided: each is the unclaimed
// rest divided by twice the number of threads, never below a floor, so the
// first pieces are large (few claims) and the last ones small (a thread that
// finishes early waits at most one small piece for the others).
// The job lives in a shared_ptr so a helper that starts after the whole
// range was claimed touches only the job, never the caller's stack: the body
// is reached only through a claimed piece, and the caller returns only after
// every claimed piece ran.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <utility>

namespace parlint::detail {

// How a BulkJob cuts [0, count) into pieces.
struct BulkSplit {
  std::size_t count;    // elements in all
  std::size_t grain;    // size of every piece (fixed) or the smallest piece (guided)
  std::size_t divisor;  // guided: a piece is the unclaimed rest / divisor; 0: fixed pieces
};

class BulkJob {
 public:
  using RangeFn = void (*)(void* body, std::size_t begin, std::size_t end);

  BulkJob(BulkSplit split, RangeFn run_range, void* body) noexcept
      : split_(split), run_range_(run_range), body_(body) {}

  // Claims and runs pieces until none is left.
  void work() {
    std::size_t begin = 0;
    std::size_t end = 0;
    while (claim(begin, end)) {
      // After a failure the remaining pieces are claimed but skipped, so the
      // caller sees the first exception quickly.
      if (!failed_.load(std::memory_order_relaxed)) {
        try {
          run_range_(body_, begin, end);
        } catch (...) {
          record_failure(std::current_exception());
        }
      }
      // acq_rel: the piece's writes (map results) happen-before the caller's
      // acquire load of a completed count.
      const std::size_t size = end - begin;
      if (done_.fetch_add(size, std::memory_order_acq_rel) + size == split_.count) {
        std::lock_guard<std::mutex> lock(mutex_);
        finished_cv_.notify_all();
      }
    }
  }

  bool finished() const noexcept { return done_.load(std::memory_order_acquire) == split_.count; }

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
  bool claim(std::size_t& begin, std::size_t& end) noexcept {
    begin = next_.load(std::memory_order_relaxed);
    do {
      if (begin >= split_.count) return false;
      const std::size_t rest = split_.count - begin;
      const std::size_t piece =
          split_.divisor == 0 ? split_.grain : std::max(split_.grain, rest / split_.divisor);
      end = begin + std::min(piece, rest);
    } while (!next_.compare_exchange_weak(begin, end, std::memory_order_relaxed));
    return true;
  }

  void record_failure(std::exception_ptr error) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!failed_.load(std::memory_order_relaxed)) {
      error_ = std::move(error);
      failed_.store(true, std::memory_order_release);
    }
  }

  const BulkSplit split_;
  const RangeFn run_range_;
  void* const body_;
  alignas(64) std::atomic<std::size_t> next_{0};
  alignas(64) std::atomic<std::size_t> done_{0};
  std::atomic<bool> failed_{false};
  std::exception_ptr error_;
  std::mutex mutex_;
  std::condition_variable finished_cv_;
};

}  // namespace parlint::detail
