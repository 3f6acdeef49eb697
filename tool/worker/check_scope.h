// Whether a clang-tidy Checks glob enables parlint's checks and nothing
// else. Only then may the worker analyse in-process and skip the bodies of
// functions in system headers: other checks (the static analyzer, exception
// analysis, ...) look into those bodies, and clang-tidy's other modules are
// not linked into the worker at all.
#pragma once

#include <string_view>

namespace parlint::worker {

// Conservative: true only when every positive entry after the last "-*"
// (or every positive entry, when there is no "-*") names parlint checks.
bool enablesOnlyParlintChecks(std::string_view checks);

} // namespace parlint::worker
