// The memory a ProcessPool shares with its fork server and workers: one
// control block, then one channel per worker. Each channel is a ring of task
// records the parent fills (tail) and the worker runs in order (head).
// Results, exception texts and crash reports are written back into the same
// records, so nothing is serialized and no pipe is involved on the task path.
// Implementation only: not installed.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

#include "parlint/detail/process_task.h"

namespace parlint::detail {

constexpr std::size_t kProcessRingSize = 1024;
constexpr std::size_t kProcessMaxErrorBytes = 160;

enum RecordState : std::uint32_t {
  kRecordQueued = 1,
  kRecordRunning = 2,
  kRecordDone = 3,
  kRecordThrew = 4,    // error holds the exception's what()
  kRecordCrashed = 5,  // wait_status holds the dead worker's status
};

struct TaskRecord {
  std::atomic<std::uint32_t> state;
  std::int32_t wait_status;
  std::int32_t worker_pid;
  ProcessTrampoline invoke;
  alignas(kProcessMaxAlign) unsigned char args[kProcessMaxArgBytes];
  alignas(kProcessMaxAlign) unsigned char result[kProcessMaxResultBytes];
  char error[kProcessMaxErrorBytes];
};

enum ShutdownState : std::uint32_t {
  kRunning = 0,
  kDrain = 1,  // workers exit once their ring is empty
  kDrop = 2,   // workers exit before starting another task
};

struct alignas(64) WorkerChannel {
  // Written by the parent: number of tasks ever pushed.
  alignas(64) std::atomic<std::uint32_t> tail;
  // The futex word a sleeping worker waits on. Anything that gives the worker
  // something to see (a new tail, a shutdown) bumps it *after* publishing
  // that, so a worker that read the doorbell before its last check cannot
  // sleep through the change (its FUTEX_WAIT fails on the new value).
  std::atomic<std::uint32_t> doorbell;
  std::atomic<std::uint32_t> worker_sleeping;
  // Written by the worker (or by the fork server for a dead worker): number of
  // tasks finished, crashed ones included.
  // Also a futex word: a parent thread waiting for one task of this channel
  // sleeps on it with that task's bit (record_bit), so finishing other tasks
  // does not wake it; head_waiters counts such sleepers.
  alignas(64) std::atomic<std::uint32_t> head;
  std::atomic<std::uint32_t> head_waiters;
  std::atomic<std::int32_t> pid;
  // The CPU the worker last waited on for a task: a parent thread waiting
  // for a result on that same CPU sleeps instead of spinning (process_spin.h).
  std::atomic<std::int32_t> cpu;
  TaskRecord ring[kProcessRingSize];
};

struct alignas(64) ControlBlock {
  std::atomic<std::uint32_t> shutting_down;  // a ShutdownState
  std::uint32_t worker_count;
  // Set by the fork server once every first worker has been forked and its
  // pid published; a futex word the constructor waits on.
  std::atomic<std::uint32_t> started;
  // Nonzero (an errno) once the fork server could not fork a worker.
  std::atomic<std::int32_t> fork_errno;
  // Bumped on every finished task, worker death and breakage; parent threads
  // waiting for a task sleep on it (waiters counts them).
  alignas(64) std::atomic<std::uint32_t> completions;
  std::atomic<std::uint32_t> waiters;
  // The CPU a parent thread last submitted or waited on; a worker waiting for
  // a task on that same CPU sleeps instead of spinning.
  alignas(64) std::atomic<std::int32_t> parent_cpu;

  WorkerChannel* channels() { return reinterpret_cast<WorkerChannel*>(this + 1); }
  WorkerChannel& channel(std::size_t i) { return channels()[i]; }
  static std::size_t bytes_for(std::size_t workers) {
    return sizeof(ControlBlock) + workers * sizeof(WorkerChannel);
  }
};

static_assert(std::atomic<std::uint32_t>::is_always_lock_free &&
                  sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t),
              "futex words must be plain lock-free 32-bit atomics");

// The futex wake-up bit of the record at `sequence`.
inline std::uint32_t record_bit(std::uint32_t sequence) { return 1u << (sequence % 32); }

// A worker finished the record at `sequence` of `channel` (head already moved
// past it): wakes the parent threads waiting for any completion and those
// waiting for this record.
void notify_finished(ControlBlock& control, WorkerChannel& channel, std::uint32_t sequence);
// Something else changed (a worker died, the pool broke, shutdown): wakes
// every waiting parent thread.
void notify_parent(ControlBlock& control);

// Entry points of the processes behind a ProcessPool. Never return.
// The fork server runs until the pool shuts down or the parent dies;
// `parent_pipe` reads EOF when the parent closes it or dies.
[[noreturn]] void run_fork_server(ControlBlock& control, int parent_pipe);
[[noreturn]] void run_worker(ControlBlock& control, std::size_t index);

}  // namespace parlint::detail
