// The exceptions the ProcessPool puts into futures, built from what the
// workers and the fork server wrote into shared memory. Implementation only.
#pragma once

#include <sys/types.h>

#include <exception>
#include <string>

#include "process_channel.h"

namespace parlint::detail {

// RemoteTaskError for a record that threw, WorkerCrashed for one whose
// worker died.
std::exception_ptr error_of(const TaskRecord& record);

std::string fork_failed_reason(int error);
std::string server_died_reason(pid_t server);

}  // namespace parlint::detail
