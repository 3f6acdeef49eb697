#include "baseline.h"

#include "paths.h"

#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/JSON.h>

#include <algorithm>
#include <set>

namespace parlint::tool {

namespace json = llvm::json;

std::string writeBaseline(const std::string &path, const std::vector<Finding> &findings) {
  std::vector<const Finding *> sorted;
  for (const auto &f : findings)
    sorted.push_back(&f);
  std::sort(sorted.begin(), sorted.end(),
            [](const Finding *a, const Finding *b) { return a->fingerprint < b->fingerprint; });
  json::Array entries;
  for (const Finding *f : sorted)
    // check, file and message are for the humans reviewing the baseline.
    entries.push_back(json::Object{{"fingerprint", f->fingerprint},
                                   {"check", f->diag.check},
                                   {"file", f->path},
                                   {"message", f->diag.main.text}});
  json::Object document{{"parlintBaseline", 1}, {"findings", std::move(entries)}};
  return writeFileAtomically(path, llvm::formatv("{0:2}", json::Value(std::move(document))).str() + "\n");
}

std::string applyBaseline(const std::string &path, std::vector<Finding> &findings,
                          size_t &suppressed) {
  bool exists = false;
  const std::string text = readWholeFile(path, &exists);
  if (!exists)
    return "cannot read baseline " + path;
  auto parsed = json::parse(text);
  if (!parsed)
    return "baseline " + path + " is not JSON: " + llvm::toString(parsed.takeError());
  const json::Object *document = parsed->getAsObject();
  const json::Array *entries = document ? document->getArray("findings") : nullptr;
  if (!entries || !document->getInteger("parlintBaseline"))
    return "baseline " + path + " is not a parlint baseline";
  std::set<std::string> known;
  for (const auto &entry : *entries)
    if (const json::Object *o = entry.getAsObject())
      if (auto fingerprint = o->getString("fingerprint"))
        known.insert(fingerprint->str());
  const size_t before = findings.size();
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [&](const Finding &f) { return known.count(f.fingerprint) > 0; }),
                 findings.end());
  suppressed = before - findings.size();
  return "";
}

} // namespace parlint::tool
