#include "configured_checks.h"

#include "tidy_options.h"

#include <clang-tidy/GlobList.h>

#include <mutex>

namespace parlint::tidyoptions {

namespace ct = clang::tidy;

struct ConfiguredChecks::Impl {
  std::mutex mutex; // clang-tidy's providers cache what they read, unguarded
  std::unique_ptr<ct::ClangTidyOptionsProvider> provider;
};

ConfiguredChecks::ConfiguredChecks(const std::optional<std::string> &config,
                                   const std::optional<std::string> &configFile)
    : impl_(std::make_unique<Impl>()) {
  impl_->provider = makeProvider(config, configFile, ct::ClangTidyGlobalOptions(),
                                 ct::ClangTidyOptions(), llvm::vfs::getRealFileSystem());
}

ConfiguredChecks::~ConfiguredChecks() = default;

ConfiguredChecks::Result ConfiguredChecks::forFile(const std::string &file) {
  Result result;
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->provider) {
    result.checks = *ct::ClangTidyOptions::getDefaults().Checks;
    return result;
  }
  // As ClangTidyOptionsProvider::getOptions merges them.
  ct::ClangTidyOptions merged;
  unsigned priority = 0;
  for (const auto &[options, source] : impl_->provider->getRawOptions(file)) {
    merged.mergeWith(options, ++priority);
    result.fromConfiguration |=
        source != ct::ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary &&
        source != ct::ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption;
  }
  result.checks = merged.Checks.value_or("");
  return result;
}

bool globsEnable(const std::string &globs, const std::string &check) {
  return ct::GlobList(globs).contains(check);
}

bool globsName(const std::string &globs, const std::string &prefix) {
  for (const auto &item : ct::GlobList(globs).getItems())
    if (item.Text.starts_with(prefix))
      return true;
  return false;
}

} // namespace parlint::tidyoptions
