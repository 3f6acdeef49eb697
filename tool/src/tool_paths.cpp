#include "tool_paths.h"

#include "paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace parlint::tool {

static int anchor;

ToolPaths resolveToolPaths(const Options &options, const char *argv0) {
  ToolPaths paths;
  paths.clangTidy = options.clangTidy.empty() ? "clang-tidy-19" : options.clangTidy;
  if (!options.module.empty()) {
    paths.module = realPath(options.module);
    if (!llvm::sys::fs::exists(paths.module))
      paths.error = "no module at " + options.module;
    return paths;
  }
  const std::string exe = llvm::sys::fs::getMainExecutable(argv0, &anchor);
  const std::string exeDir(llvm::sys::path::parent_path(exe));
  // Installed: bin/parlint and <libdir>/libparlint-tidy.so; build tree:
  // tool/parlint and checks/libparlint-tidy.so.
  for (const std::string candidate :
       {"/../" PARLINT_INSTALL_LIBDIR "/libparlint-tidy.so", "/../lib/libparlint-tidy.so",
        "/../checks/libparlint-tidy.so"}) {
    const std::string path = realPath(exeDir + candidate);
    if (llvm::sys::fs::exists(path)) {
      paths.module = path;
      return paths;
    }
  }
#ifdef PARLINT_BUILD_TREE_MODULE
  if (llvm::sys::fs::exists(PARLINT_BUILD_TREE_MODULE)) {
    paths.module = realPath(PARLINT_BUILD_TREE_MODULE);
    return paths;
  }
#endif
  paths.error = "cannot find libparlint-tidy.so next to " + exe + " (pass --load MODULE)";
  return paths;
}

} // namespace parlint::tool
