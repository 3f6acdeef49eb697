// Where the tool finds clang-tidy, clang and parlint's module.
#pragma once

#include "options.h"

#include <string>

namespace parlint::tool {

struct ToolPaths {
  std::string clangTidy;
  std::string module;
  // parlint-worker, which analyses in-process when only parlint's checks are
  // enabled and otherwise runs clangTidy with the module. Empty when the
  // user chose the clang-tidy binary or the module (--clang-tidy, --load):
  // then clang-tidy runs directly.
  std::string worker;
  std::string error; // non-empty: the module is missing (exit 3)
};

// The module: --load, else <libdir>/libparlint-tidy.so next to the installed
// program (bin/../lib), else the build tree's checks/libparlint-tidy.so, else
// the module target's file of the build this program came from. The worker:
// next to the program (build tree), else <libexecdir>/parlint/, else the
// worker target's file of this build.
ToolPaths resolveToolPaths(const Options &options, const char *argv0);

} // namespace parlint::tool
