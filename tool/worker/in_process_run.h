// One translation unit through clang-tidy's library inside this process,
// with parlint's checks linked in: the same options, .clang-tidy lookup,
// NOLINT handling, header filter, diagnostics and exported fixes as
// clang-tidy-19 --load libparlint-tidy.so, plus skipping the bodies of
// system-header functions (see skip_system_bodies.h).
#pragma once

#include "worker_args.h"

#include <optional>

namespace parlint::worker {

// The exit code clang-tidy would give, or nullopt when this run must go to
// clang-tidy itself: checks beyond parlint's are enabled, or a configuration
// or database error that clang-tidy should report in its own words.
std::optional<int> runInProcess(const WorkerArgs &args);

} // namespace parlint::worker
