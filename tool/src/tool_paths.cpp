#include "tool_paths.h"

#include "paths.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace parlint::tool {

static int anchor;

namespace {

// The first of `candidates` (relative to the program's directory, then the
// build tree's absolute path, if any) that exists and is executable or not.
std::string firstFound(const std::string &exeDir, std::initializer_list<const char *> candidates,
                       const char *buildTreePath, bool executable) {
  auto usable = [executable](const std::string &path) {
    return executable ? llvm::sys::fs::can_execute(path) : llvm::sys::fs::exists(path);
  };
  for (const char *candidate : candidates)
    if (const std::string path = realPath(exeDir + candidate); usable(path))
      return path;
  if (*buildTreePath && usable(buildTreePath))
    return realPath(buildTreePath);
  return {};
}

#ifndef PARLINT_BUILD_TREE_MODULE
#define PARLINT_BUILD_TREE_MODULE ""
#endif
#ifndef PARLINT_BUILD_TREE_WORKER
#define PARLINT_BUILD_TREE_WORKER ""
#endif

// Installed: bin/parlint and <libdir>/libparlint-tidy.so; build tree:
// tool/parlint and checks/libparlint-tidy.so.
std::string findModule(const std::string &exeDir) {
  return firstFound(exeDir,
                    {"/../" PARLINT_INSTALL_LIBDIR "/libparlint-tidy.so",
                     "/../lib/libparlint-tidy.so", "/../checks/libparlint-tidy.so"},
                    PARLINT_BUILD_TREE_MODULE, false);
}

// Build tree: next to tool/parlint; installed: <libexecdir>/parlint/.
std::string findWorker(const std::string &exeDir) {
  return firstFound(exeDir,
                    {"/parlint-worker", "/../" PARLINT_INSTALL_LIBEXECDIR "/parlint/parlint-worker"},
                    PARLINT_BUILD_TREE_WORKER, true);
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
