#include "ProjectConfig.h"

#include "clang-tidy/utils/OptionsUtils.h"

namespace clang::tidy::parlint {

namespace {

std::vector<std::string> listOption(const ClangTidyOptions::OptionMap &Options,
                                    StringRef Key, StringRef Default) {
  auto It = Options.find(Key);
  StringRef Value = It != Options.end() ? StringRef(It->getValue().Value)
                                        : Default;
  std::vector<std::string> Items;
  for (StringRef Item : utils::options::parseStringList(Value))
    Items.push_back(Item.str());
  return Items;
}

ProjectConfig &current() {
  static ProjectConfig Config = parseProjectConfig({});
  return Config;
}

} // namespace

ProjectConfig parseProjectConfig(const ClangTidyOptions::OptionMap &Options) {
  ProjectConfig Config;
  Config.PoolTypes = listOption(Options, PoolTypesKey, "");
  Config.PoolTaskMethods =
      listOption(Options, PoolTaskMethodsKey, DefaultPoolTaskMethods);
  Config.PoolWaitMethods =
      listOption(Options, PoolWaitMethodsKey, DefaultPoolWaitMethods);
  return Config;
}

const ProjectConfig &projectConfig() { return current(); }

void setProjectConfig(ProjectConfig Config) { current() = std::move(Config); }

} // namespace clang::tidy::parlint
