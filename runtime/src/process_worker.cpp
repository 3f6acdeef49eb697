// A ProcessPool worker: runs the tasks of its channel in order, writes each
// outcome into the task's record and tells waiting parent threads.
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <exception>

#include "futex.h"
#include "process_channel.h"
#include "process_seams.h"
#include "process_spin.h"

namespace parlint::detail {

void notify_finished(ControlBlock& control, WorkerChannel& channel, std::uint32_t sequence) {
  control.completions.fetch_add(1, std::memory_order_seq_cst);
  if (control.waiters.load(std::memory_order_seq_cst) != 0) futex_wake_all(control.completions);
  // head was stored (seq_cst) before this load; a waiter registers before it
  // reads head: one of the two sees the other.
  if (channel.head_waiters.load(std::memory_order_seq_cst) != 0) futex_wake_bits(channel.head, record_bit(sequence));
}

void notify_parent(ControlBlock& control) {
  control.completions.fetch_add(1, std::memory_order_seq_cst);
  futex_wake_all(control.completions);
  for (std::size_t i = 0; i < control.worker_count; ++i) futex_wake_bits(control.channel(i).head, kFutexAnyBits);
}

namespace {

// True when the record at `head` is ready to run; false when the pool is
// shutting down and the worker should exit instead.
bool wait_for_task(ControlBlock& control, WorkerChannel& channel, std::uint32_t head) {
  SpinBudget spin(kProcessSpinBudgetNs);
  publish_cpu(channel.cpu);
  for (;;) {
    std::uint32_t stop = control.shutting_down.load(std::memory_order_acquire);
    if (stop == kDrop) return false;
    if (channel.tail.load(std::memory_order_acquire) != head) return true;
    if (stop == kDrain) return false;
    if (spin.keep_spinning(control.parent_cpu.load(std::memory_order_relaxed))) continue;
    // Announce the sleep, read the doorbell, re-check, sleep on the doorbell.
    // The parent publishes (tail or shutting_down) before it reads
    // worker_sleeping, and rings after; all seq_cst: either the parent sees
    // us sleeping and rings, changing the word we sleep on, or we see what it
    // published in the re-check.
    channel.worker_sleeping.store(1, std::memory_order_seq_cst);
    std::uint32_t bell = channel.doorbell.load(std::memory_order_seq_cst);
    if (channel.tail.load(std::memory_order_seq_cst) == head &&
        control.shutting_down.load(std::memory_order_seq_cst) == kRunning) {
      seams::before_worker_sleep();
      futex_wait(channel.doorbell, bell);
    }
    channel.worker_sleeping.store(0, std::memory_order_relaxed);
    spin.restart();
  }
}

void copy_error(TaskRecord& record, const char* text) {
  std::strncpy(record.error, text, kProcessMaxErrorBytes - 1);
  record.error[kProcessMaxErrorBytes - 1] = '\0';
}

void run_task(TaskRecord& record, pid_t self) {
  record.worker_pid = self;
  record.state.store(kRecordRunning, std::memory_order_release);
  std::uint32_t outcome = kRecordDone;
  try {
    record.invoke(record.args, record.result);
  } catch (const std::exception& e) {
    copy_error(record, e.what());
    outcome = kRecordThrew;
  } catch (...) {
    copy_error(record, "unknown exception (not derived from std::exception)");
    outcome = kRecordThrew;
  }
  record.state.store(outcome, std::memory_order_release);
}

}  // namespace

void run_worker(ControlBlock& control, std::size_t index) {
  WorkerChannel& channel = control.channel(index);
  // Published by the worker itself before its first task, so no task can
  // finish in a worker that worker_pids() does not list.
  // getpid() is a system call (glibc does not cache it): once, not per task.
  const pid_t self = ::getpid();
  channel.pid.store(self, std::memory_order_seq_cst);
  for (;;) {
    std::uint32_t head = channel.head.load(std::memory_order_relaxed);
    if (!wait_for_task(control, channel, head)) {
      seams::before_worker_exit();
      ::_exit(0);
    }
    run_task(channel.ring[head % kProcessRingSize], self);
    channel.head.store(head + 1, std::memory_order_seq_cst);
    notify_finished(control, channel, head);
  }
}

}  // namespace parlint::detail
