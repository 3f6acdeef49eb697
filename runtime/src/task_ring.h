// A bounded multi-producer multi-consumer ring of tasks: the ThreadPool's
// queue for tasks submitted from outside. A push or a pop is one
// compare-and-swap on its own position counter plus a write of the slot's
// sequence number, so a producer and the workers never wait for each other's
// lock (with a mutex-protected queue, a worker that finds the queue nearly
// empty takes the lock once per task and the producer then blocks on it).
// Each slot's sequence number tells whose turn it is (D. Vyukov's bounded
// MPMC queue). Implementation only.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "parlint/detail/pool_task.h"

namespace parlint::detail {

class TaskRing {
 public:
  // capacity: a power of two.
  explicit TaskRing(std::size_t capacity) : cells_(new Cell[capacity]), mask_(capacity - 1) {
    for (std::size_t i = 0; i < capacity; ++i) cells_[i].sequence.store(i, std::memory_order_relaxed);
  }

  // Moves `task` into the ring; false (task untouched) when the ring is full
  // or closed. The position's compare-and-swap is seq_cst: it is the
  // producer's half of the pool's sleep handshake (see PoolCore::announce).
  bool try_push(Task& task) {
    std::size_t pos = enqueue_.load(std::memory_order_relaxed);
    for (;;) {
      if ((pos & kClosed) != 0) return false;
      Cell& cell = cells_[pos & mask_];
      const std::size_t seq = cell.sequence.load(std::memory_order_acquire);
      const auto diff = static_cast<std::intptr_t>(seq) - static_cast<std::intptr_t>(pos);
      if (diff == 0) {
        if (enqueue_.compare_exchange_weak(pos, pos + 1, std::memory_order_seq_cst, std::memory_order_relaxed)) {
          cell.task = std::move(task);
          cell.sequence.store(pos + 1, std::memory_order_release);
          return true;
        }
      } else if (diff < 0) {
        return false;  // full: the slot still holds the task of the previous lap
      } else {
        pos = enqueue_.load(std::memory_order_relaxed);
      }
    }
  }

  // Takes the oldest published task; false when there is none. A task whose
  // producer has reserved its slot but not yet filled it counts as none here,
  // but has_work() already reports it, so a worker does not go to sleep on it.
  bool try_pop(Task& out) {
    std::size_t pos = dequeue_.load(std::memory_order_relaxed);
    for (;;) {
      Cell& cell = cells_[pos & mask_];
      const std::size_t seq = cell.sequence.load(std::memory_order_acquire);
      const auto diff = static_cast<std::intptr_t>(seq) - static_cast<std::intptr_t>(pos + 1);
      if (diff == 0) {
        if (dequeue_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed, std::memory_order_relaxed)) {
          out = std::move(cell.task);
          cell.sequence.store(pos + mask_ + 1, std::memory_order_release);
          return true;
        }
      } else if (diff < 0) {
        return false;
      } else {
        pos = dequeue_.load(std::memory_order_relaxed);
      }
    }
  }

  // True when some slot is reserved and not yet taken. seq_cst: the worker's
  // half of the sleep handshake.
  bool has_work() const {
    const std::size_t pushed = enqueue_.load(std::memory_order_seq_cst) & ~kClosed;
    return pushed != dequeue_.load(std::memory_order_seq_cst);
  }

  // Tasks ever pushed (their slots reserved): wait_idle's count of submissions.
  std::size_t pushed() const { return enqueue_.load(std::memory_order_seq_cst) & ~kClosed; }

  bool closed() const { return (enqueue_.load(std::memory_order_relaxed) & kClosed) != 0; }

  // Every later try_push fails. A push whose compare-and-swap came first
  // still completes.
  void close() { enqueue_.fetch_or(kClosed, std::memory_order_seq_cst); }

 private:
  static constexpr std::size_t kClosed = std::size_t{1} << (sizeof(std::size_t) * 8 - 1);

  struct alignas(64) Cell {
    std::atomic<std::size_t> sequence{0};
    Task task;
  };

  std::unique_ptr<Cell[]> cells_;
  const std::size_t mask_;
  alignas(64) std::atomic<std::size_t> enqueue_{0};
  alignas(64) std::atomic<std::size_t> dequeue_{0};
};

}  // namespace parlint::detail
