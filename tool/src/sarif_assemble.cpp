#include "sarif.h"

#include "paths.h"

#include <fmt/format.h>
#include <llvm/Support/FormatVariadic.h>

#include <algorithm>
#include <cstdio>
#include <map>

namespace parlint::tool {

namespace json = llvm::json;

namespace {

std::string stringAt(const json::Object *o, llvm::StringRef key) {
  if (!o)
    return "";
  auto s = o->getString(key);
  return s ? s->str() : "";
}

int64_t numberAt(const json::Object *o, llvm::StringRef key) {
  if (!o)
    return 0;
  return o->getInteger(key).value_or(0);
}

// Location order (file, line, column), then rule and message, then the rest.
struct ResultKey {
  std::string uri;
  int64_t line, column;
  std::string rule, message, whole;
  bool operator<(const ResultKey &o) const {
    return std::tie(uri, line, column, rule, message, whole) <
           std::tie(o.uri, o.line, o.column, o.rule, o.message, o.whole);
  }
};

std::string serialize(const json::Value &v) { return llvm::formatv("{0}", v).str(); }

ResultKey keyOf(const json::Value &result) {
  const json::Object *r = result.getAsObject();
  ResultKey key{};
  key.rule = stringAt(r, "ruleId");
  if (const json::Object *message = r ? r->getObject("message") : nullptr)
    key.message = stringAt(message, "text");
  const json::Array *locations = r ? r->getArray("locations") : nullptr;
  if (locations && !locations->empty()) {
    const json::Object *physical = (*locations)[0].getAsObject()->getObject("physicalLocation");
    const json::Object *artifact = physical ? physical->getObject("artifactLocation") : nullptr;
    const json::Object *region = physical ? physical->getObject("region") : nullptr;
    key.uri = stringAt(artifact, "uriBaseId") + stringAt(artifact, "uri");
    key.line = numberAt(region, "startLine");
    key.column = numberAt(region, "startColumn");
  }
  key.whole = serialize(result);
  return key;
}

} // namespace

std::string assembleSarif(SarifParts parts) {
  // Rules: one per id, sorted; results point at them by index.
  std::map<std::string, json::Object> rulesById;
  for (auto &rule : parts.rules)
    rulesById.emplace(stringAt(&rule, "id"), std::move(rule));
  std::map<std::string, int64_t> ruleIndex;
  json::Array rules;
  for (auto &[id, rule] : rulesById) {
    ruleIndex[id] = static_cast<int64_t>(rules.size());
    rules.push_back(std::move(rule));
  }

  std::vector<std::pair<ResultKey, json::Value>> keyed;
  for (auto &result : parts.results) {
    if (json::Object *r = result.getAsObject())
      if (auto it = ruleIndex.find(stringAt(r, "ruleId")); it != ruleIndex.end())
        (*r)["ruleIndex"] = it->second;
    ResultKey key = keyOf(result);
    keyed.emplace_back(std::move(key), std::move(result));
  }
  std::sort(keyed.begin(), keyed.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  json::Array results;
  for (size_t i = 0; i < keyed.size(); ++i)
    if (i == 0 || keyed[i].first.whole != keyed[i - 1].first.whole)
      results.push_back(std::move(keyed[i].second));

  std::map<std::string, json::Value> notificationsByText;
  for (auto &n : parts.notifications)
    notificationsByText.emplace(serialize(n), std::move(n));
  json::Array notifications;
  for (auto &[text, n] : notificationsByText)
    notifications.push_back(std::move(n));

  json::Object driver = std::move(parts.driver);
  driver["rules"] = std::move(rules);
  json::Object invocation{{"executionSuccessful", parts.executionSuccessful}};
  if (!notifications.empty())
    invocation["toolExecutionNotifications"] = std::move(notifications);
  json::Object run{
      {"tool", json::Object{{"driver", std::move(driver)}}},
      {"originalUriBaseIds", std::move(parts.originalUriBaseIds)},
      {"columnKind", "unicodeCodePoints"},
      {"invocations", json::Array{std::move(invocation)}},
      {"results", std::move(results)},
  };
  json::Object log{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::Array{std::move(run)}},
  };
  return llvm::formatv("{0:2}", json::Value(std::move(log))).str() + "\n";
}

bool readSarifParts(const std::string &text, SarifParts &parts, std::string &error) {
  auto parsed = json::parse(text);
  if (!parsed) {
    error = llvm::toString(parsed.takeError());
    return false;
  }
  json::Object *log = parsed->getAsObject();
  json::Array *runs = log ? log->getArray("runs") : nullptr;
  if (!runs || runs->size() != 1 || !(*runs)[0].getAsObject()) {
    error = "expected a SARIF log with one run (as parlint writes)";
    return false;
  }
  json::Object &run = *(*runs)[0].getAsObject();
  json::Object *tool = run.getObject("tool");
  json::Object *driver = tool ? tool->getObject("driver") : nullptr;
  if (!driver) {
    error = "the run has no tool.driver";
    return false;
  }
  if (json::Array *rules = driver->getArray("rules"))
    for (auto &rule : *rules)
      if (json::Object *r = rule.getAsObject())
        parts.rules.push_back(std::move(*r));
  driver->erase("rules");
  if (parts.driver.empty())
    parts.driver = std::move(*driver);
  if (json::Array *results = run.getArray("results"))
    for (auto &result : *results)
      parts.results.push_back(std::move(result));
  if (json::Array *invocations = run.getArray("invocations"))
    for (auto &inv : *invocations)
      if (json::Object *i = inv.getAsObject()) {
        if (auto ok = i->getBoolean("executionSuccessful"); ok && !*ok)
          parts.executionSuccessful = false;
        if (json::Array *n = i->getArray("toolExecutionNotifications"))
          for (auto &notification : *n)
            parts.notifications.push_back(std::move(notification));
      }
  if (json::Object *bases = run.getObject("originalUriBaseIds"))
    if (parts.originalUriBaseIds.empty())
      parts.originalUriBaseIds = std::move(*bases);
  return true;
}

int mergeSarifFiles(const std::vector<std::string> &files) {
  if (files.empty()) {
    fmt::print(stderr, "parlint merge: no SARIF files given\n");
    return 3;
  }
  SarifParts parts;
  for (const auto &file : files) {
    bool ok = false;
    const std::string text = readWholeFile(file, &ok);
    std::string error;
    if (!ok) {
      fmt::print(stderr, "parlint merge: cannot read {}\n", file);
      return 3;
    }
    if (!readSarifParts(text, parts, error)) {
      fmt::print(stderr, "parlint merge: {}: {}\n", file, error);
      return 3;
    }
  }
  const bool hasResults = !parts.results.empty();
  const bool successful = parts.executionSuccessful;
  const std::string merged = assembleSarif(std::move(parts));
  std::fwrite(merged.data(), 1, merged.size(), stdout);
  return !successful ? 2 : hasResults ? 1 : 0;
}

} // namespace parlint::tool
