#include "tool_paths.h"

#include "paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace parlint::tool {

static int anchor;

namespace {

std::string findModule(const std::string &exeDir) {
  // Installed: bin/parlint and <libdir>/libparlint-tidy.so; build tree:
  // tool/parlint and checks/libparlint-tidy.so.
  for (const std::string candidate :
       {"/../" PARLINT_INSTALL_LIBDIR "/libparlint-tidy.so", "/../lib/libparlint-tidy.so",
        "/../checks/libparlint-tidy.so"}) {
    const std::string path = realPath(exeDir + candidate);
    if (llvm::sys::fs::exists(path))
      return path;
  }
#ifdef PARLINT_BUILD_TREE_MODULE
  if (llvm::sys::fs::exists(PARLINT_BUILD_TREE_MODULE))
    return realPath(PARLINT_BUILD_TREE_MODULE);
#endif
  return {};
}

std::string findWorker(const std::string &exeDir) {
  for (const std::string candidate :
       {"/parlint-worker", "/../" PARLINT_INSTALL_LIBEXECDIR "/parlint/parlint-worker"}) {
    const std::string path = realPath(exeDir + candidate);
    if (llvm::sys::fs::can_execute(path))
      return path;
  }
#ifdef PARLINT_BUILD_TREE_WORKER
  if (llvm::sys::fs::can_execute(PARLINT_BUILD_TREE_WORKER))
    return realPath(PARLINT_BUILD_TREE_WORKER);
#endif
  return {};
}

} // namespace

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
  paths.module = findModule(exeDir);
  if (paths.module.empty()) {
    paths.error = "cannot find libparlint-tidy.so next to " + exe + " (pass --load MODULE)";
    return paths;
  }
  // The worker carries the checks of its own build, the module's twin.
  if (options.clangTidy.empty())
    paths.worker = findWorker(exeDir);
  return paths;
}

} // namespace parlint::tool
