#include "tidy_options.h"

#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Process.h>

namespace parlint::tidyoptions {

namespace ct = clang::tidy;

std::unique_ptr<ct::ClangTidyOptionsProvider>
makeProvider(const std::optional<std::string> &config, const std::optional<std::string> &configFile,
             const ct::ClangTidyGlobalOptions &global, const ct::ClangTidyOptions &overrides,
             llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> fs) {
  ct::ClangTidyOptions defaults = ct::ClangTidyOptions::getDefaults();
  defaults.User = llvm::sys::Process::GetEnv("USER");
  if (!defaults.User)
    defaults.User = llvm::sys::Process::GetEnv("USERNAME");
  if (!config && !configFile)
    return std::make_unique<ct::FileOptionsProvider>(global, defaults, overrides, std::move(fs));
  std::unique_ptr<llvm::MemoryBuffer> text;
  if (configFile) {
    auto file = llvm::MemoryBuffer::getFile(*configFile);
    if (!file)
      return nullptr;
    text = std::move(*file);
  } else {
    text = llvm::MemoryBuffer::getMemBufferCopy(*config, "<command-line-config>");
  }
  llvm::ErrorOr<ct::ClangTidyOptions> parsed = ct::parseConfiguration(text->getMemBufferRef());
  if (!parsed)
    return nullptr;
  return std::make_unique<ct::ConfigOptionsProvider>(global, defaults, std::move(*parsed), overrides,
                                                     std::move(fs));
}

} // namespace parlint::tidyoptions
