// parlint::default_pool(): one ThreadPool per process, shared by every
// TaskGroup that is not given a pool of its own (as oneTBB runs every
// task_group on one implicit arena). Code that needs a few tasks in parallel
// uses it instead of making a pool, or threads, per call.
//
// - Created on first use with parlint::default_worker_count() workers; the
//   workers themselves start only as tasks arrive (see ThreadPool).
// - fork(): the child's first call makes a fresh pool (the parent's workers
//   do not exist in the child; its pool is left untouched there).
// - Exit: queued tasks are dropped (their futures report broken_promise);
//   idle workers end and are joined. A task still running (or the task that
//   called exit()) is not waited for: its thread is detached and ends with
//   the process. Wait for your tasks (TaskGroup::wait) before exiting.
#pragma once

#include "parlint/thread_pool.h"

namespace parlint {

// The process-wide pool. Thread-safe; never destroyed before exit.
ThreadPool& default_pool();

}  // namespace parlint
