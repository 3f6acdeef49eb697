// Runtime-internal access to ThreadPool's private members (default_pool.cpp,
// task_group.cpp). Implementation only.
#pragma once

#include "parlint/thread_pool.h"
#include "pool_core.h"

namespace parlint::detail {

struct PoolAccess {
  static PoolCore& core(ThreadPool& pool) { return *pool.core_; }
  static void shutdown_at_exit(ThreadPool& pool) noexcept { pool.core_->shutdown_at_exit(); }
};

}  // namespace parlint::detail
