#include "default_checks.h"

#include "check_catalog.h"

#include <configured_checks.h>

namespace parlint::tool {

using tidyoptions::globsEnable;
using tidyoptions::globsName;

DefaultChecks::DefaultChecks(CheckSelection selection, std::string userChecks,
                             const std::optional<std::string> &config,
                             const std::optional<std::string> &configFile)
    : selection_(selection), userChecks_(std::move(userChecks)),
      configured_(std::make_unique<tidyoptions::ConfiguredChecks>(config, configFile)) {}

DefaultChecks::~DefaultChecks() = default;

ChecksChoice DefaultChecks::forDirectory(const std::string &directory) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = byDirectory_.find(directory); it != byDirectory_.end())
      return it->second;
  }
  ChecksChoice choice = decide(directory);
  std::lock_guard<std::mutex> lock(mutex_);
  return byDirectory_.emplace(directory, std::move(choice)).first->second;
}

ChecksChoice DefaultChecks::decide(const std::string &directory) {
  // Any name: clang-tidy looks the configuration up from the file's directory.
  const tidyoptions::ConfiguredChecks::Result configured =
      configured_->forFile(directory + "/parlint-configuration-probe.cpp");
  const bool namesParlint = globsName(configured.checks, "parlint");
  ChecksChoice choice;
  if (selection_ == CheckSelection::Project) {
    if (!userChecks_.empty())
      choice.checks = userChecks_;
    else if (!configured.fromConfiguration)
      choice.checks = "-*,parlint-*";
    else if (!namesParlint)
      choice.checks = "parlint-*";
    return choice;
  }
  choice.checks = "-*,parlint-*";
  bool anyEnabled = false;
  for (const CheckInfo &check : parlintChecks()) {
    if (!namesParlint || globsEnable(configured.checks, check.name))
      anyEnabled = true;
    else
      choice.checks += ",-" + check.name;
  }
  if (!userChecks_.empty())
    choice.checks += "," + userChecks_;
  choice.runsNothing = !anyEnabled && userChecks_.empty();
  return choice;
}

} // namespace parlint::tool
