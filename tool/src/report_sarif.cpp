// SARIF results from findings: %SRCROOT%-relative URIs, regions with columns,
// notes as relatedLocations, fix-its as fixes, fingerprints.
#include "check_catalog.h"
#include "report.h"
#include "sarif.h"
#include "paths.h"

#include <cctype>

#include <map>
#include <set>

namespace parlint::tool {

namespace json = llvm::json;

namespace {

std::string percentEncodePath(const std::string &path) {
  static const char *hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~')
      out += static_cast<char>(c);
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class SarifBuilder {
public:
  explicit SarifBuilder(const ReportInput &in) : in_(in) {}

  json::Object artifactLocation(const std::string &file) const {
    const std::string relative = relativeInside(in_.sourceRoot, file);
    if (!relative.empty())
      return json::Object{{"uri", percentEncodePath(relative)}, {"uriBaseId", "%SRCROOT%"}};
    return json::Object{{"uri", "file://" + percentEncodePath(file)}};
  }

  // A region from byte offsets [begin, end) (end = begin: a point).
  std::optional<json::Object> region(const std::string &file, unsigned begin,
                                     std::optional<unsigned> end) const {
    const Position start = in_.sources.position(file, begin);
    if (!start.line)
      return std::nullopt;
    json::Object r{{"startLine", start.line}, {"startColumn", start.codePointColumn}};
    if (end) {
      const Position stop = in_.sources.position(file, *end);
      if (stop.line) {
        r["endLine"] = stop.line;
        r["endColumn"] = stop.codePointColumn;
      }
    }
    return r;
  }

  json::Object physicalLocation(const Message &m) const {
    json::Object physical{{"artifactLocation", artifactLocation(m.file)}};
    if (auto r = region(m.file, m.offset, m.endOffset))
      physical["region"] = std::move(*r);
    return physical;
  }

  json::Value result(const Finding &f) const {
    const Diagnostic &d = f.diag;
    json::Object result{
        {"ruleId", d.check},
        {"level", d.level == Level::Error ? "error" : d.level == Level::Remark ? "note" : "warning"},
        {"message", json::Object{{"text", d.main.text}}},
        {"partialFingerprints", json::Object{{"parlint/v1", f.fingerprint}}},
    };
    if (d.main.hasLocation())
      result["locations"] =
          json::Array{json::Object{{"physicalLocation", physicalLocation(d.main)}}};
    json::Array related;
    for (const auto &note : d.notes) {
      if (!note.hasLocation())
        continue;
      related.push_back(json::Object{{"id", static_cast<int64_t>(related.size())},
                                     {"message", json::Object{{"text", note.text}}},
                                     {"physicalLocation", physicalLocation(note)}});
    }
    if (!related.empty())
      result["relatedLocations"] = std::move(related);
    if (!d.main.fix.empty())
      result["fixes"] = json::Array{fix(d)};
    return result;
  }

  json::Object fix(const Diagnostic &d) const {
    std::map<std::string, json::Array> byFile; // replacements are sorted by file, offset
    for (const auto &r : d.main.fix) {
      auto deleted = region(r.file, r.offset, r.offset + r.length);
      if (!deleted)
        continue;
      byFile[r.file].push_back(json::Object{{"deletedRegion", std::move(*deleted)},
                                            {"insertedContent", json::Object{{"text", r.text}}}});
    }
    json::Array changes;
    for (auto &[file, replacements] : byFile)
      changes.push_back(json::Object{{"artifactLocation", artifactLocation(file)},
                                     {"replacements", std::move(replacements)}});
    return json::Object{{"description", json::Object{{"text", "Apply the fix-it of " + d.check}}},
            {"artifactChanges", std::move(changes)}};
  }

  json::Object rule(const std::string &check) const {
    const CheckInfo info = describeCheck(check, in_.docsBaseUrl);
    json::Object rule{
        {"id", info.name},
        {"shortDescription", json::Object{{"text", info.shortDescription}}},
        {"fullDescription", json::Object{{"text", info.fullDescription}}},
        {"defaultConfiguration", json::Object{{"level", "warning"}}},
    };
    // GitHub code scanning requires "help" on every rule.
    if (!info.helpUri.empty()) {
      rule["helpUri"] = info.helpUri;
      rule["help"] = json::Object{{"text", info.fullDescription + " See " + info.helpUri}};
    } else {
      rule["help"] = json::Object{{"text", info.fullDescription}};
    }
    return rule;
  }

  json::Value notification(const Failure &failure) const {
    return json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", relativeOrAbsolute(failure.file) + ": " +
                                              tuStatusText(failure.status) + " (" +
                                              failure.command + ")"}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation",
                           json::Object{{"artifactLocation", artifactLocation(failure.file)}}}}}},
    };
  }

private:
  std::string relativeOrAbsolute(const std::string &file) const {
    const std::string relative = relativeInside(in_.sourceRoot, file);
    return relative.empty() ? file : relative;
  }

  const ReportInput &in_;
};

} // namespace

std::string sarifReport(const ReportInput &in) {
  SarifBuilder build(in);
  SarifParts parts;
  parts.driver = json::Object{
      {"name", "parlint"},
      {"fullName", "parlint " PARLINT_VERSION " (clang-tidy 19 with parlint's checks)"},
      {"semanticVersion", PARLINT_VERSION},
      {"version", PARLINT_VERSION},
      {"informationUri", PARLINT_HOMEPAGE},
  };
  std::string root = in.sourceRoot;
  if (root.empty() || root.back() != '/')
    root += '/';
  parts.originalUriBaseIds =
      json::Object{{"%SRCROOT%", json::Object{{"uri", "file://" + percentEncodePath(root)}}}};

  // Every parlint check is a rule (so shards agree on the rule list), plus
  // any other check that produced a result.
  std::set<std::string> checks;
  for (const auto &info : parlintChecks())
    checks.insert(info.name);
  for (const auto &f : in.findings) {
    checks.insert(f.diag.check);
    parts.results.push_back(build.result(f));
  }
  for (const auto &check : checks)
    parts.rules.push_back(build.rule(check));
  for (const auto &failure : in.failures)
    parts.notifications.push_back(build.notification(failure));
  parts.executionSuccessful = in.failures.empty();
  return assembleSarif(std::move(parts));
}

} // namespace parlint::tool
