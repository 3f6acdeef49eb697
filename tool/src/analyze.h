// The commands of `parlint`: the analysis pipeline, --list-checks, --version.
#pragma once

#include "options.h"

namespace parlint::tool {

// cdb -> shard -> parallel clang-tidy (cached) -> unique findings ->
// baseline -> fixes -> report. Returns the exit code.
int runAnalysis(const Options &options, const char *argv0);
int listChecks(const Options &options, const char *argv0);
int printVersion(const Options &options, const char *argv0);

} // namespace parlint::tool
