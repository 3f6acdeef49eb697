// clang-tidy's own configuration lookup, shared by the driver (which checks
// run for a file) and the worker (the in-process analysis). Compiled once,
// without RTTI like clang-tidy's library, into parlint_tidy_options.
#pragma once

#include <clang-tidy/ClangTidyOptions.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <memory>
#include <optional>
#include <string>

namespace parlint::tidyoptions {

// clang-tidy's choice of provider: the text of --config or the file of
// --config-file replaces the .clang-tidy lookup; otherwise .clang-tidy files
// are looked up from each file's directory upwards (InheritParentConfig
// included). `overrides` are the command line's options. nullptr when the
// given configuration cannot be read or parsed.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeProvider(const std::optional<std::string> &config, const std::optional<std::string> &configFile,
             const clang::tidy::ClangTidyGlobalOptions &global,
             const clang::tidy::ClangTidyOptions &overrides,
             llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs);

} // namespace parlint::tidyoptions
