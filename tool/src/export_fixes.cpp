#include "export_fixes.h"

#include "paths.h"

#include <clang/Tooling/DiagnosticsYaml.h>
#include <clang/Tooling/ReplacementsYaml.h>

#include <algorithm>

namespace parlint::tool {

namespace {

Level toLevel(clang::tooling::Diagnostic::Level level) {
  switch (level) {
  case clang::tooling::Diagnostic::Remark:
    return Level::Remark;
  case clang::tooling::Diagnostic::Error:
    return Level::Error;
  default:
    return Level::Warning;
  }
}

Message toMessage(const clang::tooling::DiagnosticMessage &in, const std::string &buildDir) {
  Message out;
  out.text = in.Message;
  if (!in.FilePath.empty()) {
    out.file = realPath(in.FilePath, buildDir);
    out.offset = in.FileOffset;
    for (const auto &range : in.Ranges)
      if (range.FileOffset == in.FileOffset && range.Length > 0 &&
          realPath(range.FilePath, buildDir) == out.file) {
        out.endOffset = range.FileOffset + range.Length;
        break;
      }
  }
  for (const auto &entry : in.Fix)
    for (const auto &r : entry.second)
      out.fix.push_back({realPath(std::string(r.getFilePath()), buildDir), r.getOffset(),
                         r.getLength(), std::string(r.getReplacementText())});
  std::sort(out.fix.begin(), out.fix.end());
  return out;
}

} // namespace

bool parseExportedFixes(const std::string &yaml, std::vector<Diagnostic> &out, std::string &error) {
  clang::tooling::TranslationUnitDiagnostics document;
  llvm::yaml::Input input(yaml);
  input >> document;
  if (input.error()) {
    error = "cannot parse clang-tidy's exported fixes: " + input.error().message();
    return false;
  }
  for (const auto &d : document.Diagnostics) {
    Diagnostic diag;
    diag.check = d.DiagnosticName;
    diag.level = toLevel(d.DiagLevel);
    diag.main = toMessage(d.Message, d.BuildDirectory);
    for (const auto &note : d.Notes)
      diag.notes.push_back(toMessage(note, d.BuildDirectory));
    out.push_back(std::move(diag));
  }
  return true;
}

} // namespace parlint::tool
