// The memory a ProcessPool shares with its worker processes: one control
// block, then one channel per worker. Each channel is a ring of task records
// the parent fills (tail) and the worker runs in order (head). Results,
// exception texts and crash reports are written back into the same records,
// so nothing is serialized and no pipe is involved on the task path.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace parlint::detail {

constexpr std::size_t kProcessRingSize = 1024;
constexpr std::size_t kProcessMaxArgBytes = 128;
constexpr std::size_t kProcessMaxResultBytes = 64;
constexpr std::size_t kProcessMaxErrorBytes = 160;
constexpr std::size_t kProcessMaxAlign = 16;

// Runs a task in the worker: unpacks function pointer and arguments from
// `args`, writes the return value's bytes to `result`.
using ProcessTrampoline = void (*)(const unsigned char* args, unsigned char* result);

enum TaskState : std::uint32_t {
  kTaskQueued = 1,
  kTaskRunning = 2,
  kTaskDone = 3,
  kTaskThrew = 4,    // error holds the exception's what()
  kTaskCrashed = 5,  // wait_status holds the dead worker's status
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

struct alignas(64) WorkerChannel {
  // Written by the parent: number of tasks ever pushed. Also the futex word a
  // sleeping worker waits on.
  alignas(64) std::atomic<std::uint32_t> tail;
  std::atomic<std::uint32_t> worker_sleeping;
  // Written by the worker (or by the fork server for a dead worker): number of
  // tasks finished, crashed ones included.
  alignas(64) std::atomic<std::uint32_t> head;
  std::atomic<std::int32_t> pid;
  TaskRecord ring[kProcessRingSize];
};

struct alignas(64) ControlBlock {
  std::atomic<std::uint32_t> shutting_down;
  std::uint32_t worker_count;
  // Bumped on every finished task and every worker death; the parent's
  // collector thread sleeps on it.
  alignas(64) std::atomic<std::uint32_t> completions;
  std::atomic<std::uint32_t> collector_sleeping;

  WorkerChannel* channels() { return reinterpret_cast<WorkerChannel*>(this + 1); }
  WorkerChannel& channel(std::size_t i) { return channels()[i]; }
  static std::size_t bytes_for(std::size_t workers) {
    return sizeof(ControlBlock) + workers * sizeof(WorkerChannel);
  }
};

static_assert(std::atomic<std::uint32_t>::is_always_lock_free &&
                  sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t),
              "futex words must be plain lock-free 32-bit atomics");

// Futex wait/wake on a word in MAP_SHARED memory (process-shared futexes).
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected);
void futex_wake(std::atomic<std::uint32_t>& word, int count);

// Entry points of the processes behind a ProcessPool (process_pool_server.cpp).
// Runs in the fork server until the pool shuts down or the parent dies;
// `parent_pipe` reads EOF when the parent closes it or dies. Never returns.
[[noreturn]] void run_fork_server(ControlBlock& control, int parent_pipe);

}  // namespace parlint::detail
