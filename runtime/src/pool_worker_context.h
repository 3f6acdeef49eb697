// Which pool, if any, the calling thread works for. Implementation only.
#pragma once

#include <cstddef>

namespace parlint::detail {

class PoolCore;

// Decides whether a new task goes to the worker's own deque, whether
// waiting may help, and how long the worker searches before it parks.
struct WorkerContext {
  const PoolCore* pool = nullptr;
  std::size_t index = 0;
  bool linger = false;  // search kLingerAfterBulk, not kSearchBeforePark, once
};

extern thread_local WorkerContext current_worker;

}  // namespace parlint::detail
