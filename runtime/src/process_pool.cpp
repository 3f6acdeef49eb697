// parlint::ProcessPool: the public face of ProcessPoolCore.
#include "parlint/process_pool.h"

#include <stdexcept>

#include "parlint/worker_count.h"
#include "process_pool_core.h"

namespace parlint {

std::size_t ProcessPool::default_workers() { return default_worker_count(); }

ProcessPool::ProcessPool() : ProcessPool(default_workers()) {}

ProcessPool::ProcessPool(std::size_t workers) {
  if (workers == 0) throw std::invalid_argument("parlint::ProcessPool: zero workers");
  core_ = std::make_unique<detail::ProcessPoolCore>(workers);
}

ProcessPool::~ProcessPool() = default;

detail::TaskState* ProcessPool::enqueue(detail::ProcessTrampoline invoke, const unsigned char* args) {
  return core_->enqueue(invoke, args);
}

void ProcessPool::wait_idle() { core_->wait_idle(); }
void ProcessPool::shutdown(ShutdownMode mode) { core_->shutdown(mode == ShutdownMode::drop_pending); }
std::size_t ProcessPool::size() const { return core_->size(); }
std::vector<pid_t> ProcessPool::worker_pids() const { return core_->worker_pids(); }
pid_t ProcessPool::fork_server_pid() const { return core_->fork_server_pid(); }

}  // namespace parlint
