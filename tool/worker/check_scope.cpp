#include "check_scope.h"

#include <vector>

namespace parlint::worker {

namespace {

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos)
    return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// clang-tidy separates entries with commas and newlines.
std::vector<std::string_view> entries(std::string_view checks) {
  std::vector<std::string_view> result;
  while (!checks.empty()) {
    const auto end = checks.find_first_of(",\n");
    if (std::string_view entry = trim(checks.substr(0, end)); !entry.empty())
      result.push_back(entry);
    if (end == std::string_view::npos)
      break;
    checks.remove_prefix(end + 1);
  }
  return result;
}

} // namespace

bool enablesOnlyParlintChecks(std::string_view checks) {
  const std::vector<std::string_view> list = entries(checks);
  std::size_t start = 0;
  for (std::size_t i = 0; i < list.size(); ++i)
    if (list[i] == "-*")
      start = i + 1;
  bool any = false;
  for (std::size_t i = start; i < list.size(); ++i) {
    if (list[i].front() == '-')
      continue;
    // Every parlint check is named parlint-<name>; "parlint*" can match
    // nothing else. A shorter pattern ("par*", "*") may.
    if (list[i].substr(0, 7) != "parlint")
      return false;
    any = true;
  }
  return any;
}

} // namespace parlint::worker
