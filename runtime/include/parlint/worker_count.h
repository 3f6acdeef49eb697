// The default number of workers of every parlint pool: one per hardware
// thread, at least one (hardware_concurrency() may report 0).
#pragma once

#include <algorithm>
#include <thread>

namespace parlint {

inline unsigned default_worker_count() noexcept { return std::max(1u, std::thread::hardware_concurrency()); }

}  // namespace parlint
