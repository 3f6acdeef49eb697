// Where the tool finds clang-tidy, clang and parlint's module.
#pragma once

#include "options.h"

#include <string>

namespace parlint::tool {

struct ToolPaths {
  std::string clangTidy;
  std::string module;
  std::string error; // non-empty: the module is missing (exit 3)
};

// The module: --load, else <libdir>/libparlint-tidy.so next to the installed
// program (bin/../lib), else the build tree's checks/libparlint-tidy.so, else
// the module target's file of the build this program came from.
ToolPaths resolveToolPaths(const Options &options, const char *argv0);

} // namespace parlint::tool
