#include "default_checks.h"

#include "paths.h"

#include <llvm/Support/Path.h>

#include <map>
#include <mutex>

namespace parlint::tool {

namespace {

std::string decide(bool haveConfig, const std::string &configText) {
  if (!haveConfig)
    return "-*,parlint-*";
  return configText.find("parlint-") == std::string::npos ? "parlint-*" : "";
}

} // namespace

std::string defaultChecksFor(const std::string &directory, const std::string &explicitConfig) {
  if (!explicitConfig.empty())
    return decide(true, explicitConfig);
  static std::mutex mutex;
  static std::map<std::string, std::string> memo;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (auto it = memo.find(directory); it != memo.end())
      return it->second;
  }
  bool haveConfig = false;
  std::string configText;
  for (std::string dir = directory; !dir.empty();) {
    bool exists = false;
    const std::string text = readWholeFile(dir + "/.clang-tidy", &exists);
    if (exists) {
      haveConfig = true;
      configText += text;
    }
    const std::string parent(llvm::sys::path::parent_path(dir));
    if (parent == dir)
      break;
    dir = parent;
  }
  const std::string checks = decide(haveConfig, configText);
  std::lock_guard<std::mutex> lock(mutex);
  memo.emplace(directory, checks);
  return checks;
}

} // namespace parlint::tool
