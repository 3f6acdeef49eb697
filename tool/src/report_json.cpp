// --format json: an array with one object per diagnostic, one per line.
#include "paths.h"
#include "report.h"

#include <llvm/Support/FormatVariadic.h>
#include <llvm/Support/JSON.h>

namespace parlint::tool {

namespace json = llvm::json;

namespace {

json::Object located(const Message &m, const ReportInput &in) {
  json::Object o{{"message", m.text}};
  if (!m.hasLocation())
    return o;
  const Position p = in.sources.position(m.file, m.offset);
  o["file"] = rootRelativePath(m.file, in.sourceRoot);
  o["line"] = p.line;
  o["column"] = p.column;
  o["offset"] = m.offset;
  return o;
}

} // namespace

std::string jsonReport(const ReportInput &in) {
  std::string out = "[\n";
  for (size_t i = 0; i < in.findings.size(); ++i) {
    const Finding &f = in.findings[i];
    json::Object o = located(f.diag.main, in);
    o["check"] = f.diag.check;
    o["level"] = levelName(f.diag.level);
    o["fingerprint"] = f.fingerprint;
    json::Array notes;
    for (const auto &note : f.diag.notes)
      notes.push_back(located(note, in));
    o["notes"] = std::move(notes);
    json::Array fixes;
    for (const auto &r : f.diag.main.fix) {
      const Position p = in.sources.position(r.file, r.offset);
      fixes.push_back(json::Object{{"file", rootRelativePath(r.file, in.sourceRoot)},
                                   {"offset", r.offset},
                                   {"length", r.length},
                                   {"line", p.line},
                                   {"column", p.column},
                                   {"replacement", r.text}});
    }
    o["fixes"] = std::move(fixes);
    out += llvm::formatv("{0}", json::Value(std::move(o))).str();
    out += i + 1 < in.findings.size() ? ",\n" : "\n";
  }
  return out + "]\n";
}

} // namespace parlint::tool
