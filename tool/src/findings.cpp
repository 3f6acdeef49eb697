#include "findings.h"

#include "hash.h"
#include "paths.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace parlint::tool {

std::vector<Diagnostic> uniqueDiagnostics(std::vector<Diagnostic> all) {
  std::sort(all.begin(), all.end(), reportOrder);
  all.erase(std::unique(all.begin(), all.end(), sameFinding), all.end());
  return all;
}

std::string rootRelativePath(const std::string &file, const std::string &sourceRoot) {
  std::string relative = relativeInside(sourceRoot, file);
  return relative.empty() ? file : relative;
}

namespace {

std::string withoutWhitespace(const std::string &text) {
  std::string out;
  for (char c : text)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += c;
  return out;
}

} // namespace

std::vector<Finding> fingerprintFindings(std::vector<Diagnostic> unique, SourceFiles &sources,
                                         const std::string &sourceRoot) {
  std::vector<Finding> findings;
  std::map<std::string, int> occurrences;
  for (auto &diag : unique) {
    Finding f;
    f.path = diag.main.hasLocation() ? rootRelativePath(diag.main.file, sourceRoot) : "";
    std::string lineText;
    if (diag.main.hasLocation())
      lineText = withoutWhitespace(
          sources.lineText(diag.main.file, sources.position(diag.main.file, diag.main.offset).line));
    Hasher base;
    base.add(f.path).add(diag.check).add(diag.main.text).add(lineText);
    const std::string identity = base.hex();
    const int index = occurrences[identity]++;
    f.fingerprint = sha256Hex(identity + "#" + std::to_string(index)).substr(0, 32);
    f.diag = std::move(diag);
    findings.push_back(std::move(f));
  }
  return findings;
}

} // namespace parlint::tool
