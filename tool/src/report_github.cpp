// --format github: workflow commands that GitHub Actions turns into
// annotations on the pull request.
#include "paths.h"
#include "report.h"

#include <fmt/format.h>

namespace parlint::tool {

namespace {

// The escaping GitHub's runner expects for a command's message and properties.
std::string escapeData(const std::string &text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

std::string escapeProperty(const std::string &text) {
  std::string out;
  for (char c : escapeData(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

} // namespace

std::string githubReport(const ReportInput &in) {
  std::string out;
  for (const auto &f : in.findings) {
    const char *command = f.diag.level == Level::Error ? "error"
                          : f.diag.level == Level::Remark ? "notice"
                                                          : "warning";
    std::string message = f.diag.main.text + " [" + f.diag.check + "]";
    for (const auto &note : f.diag.notes) {
      message += "\nnote: ";
      if (note.hasLocation()) {
        const Position p = in.sources.position(note.file, note.offset);
        message += fmt::format("{}:{}:{}: ", rootRelativePath(note.file, in.sourceRoot), p.line,
                               p.column);
      }
      message += note.text;
    }
    std::string properties;
    if (f.diag.main.hasLocation()) {
      const Position p = in.sources.position(f.diag.main.file, f.diag.main.offset);
      properties = fmt::format("file={},line={},col={},", escapeProperty(f.path), p.line, p.column);
    }
    properties += "title=" + escapeProperty(f.diag.check);
    out += fmt::format("::{} {}::{}\n", command, properties, escapeData(message));
  }
  for (const auto &failure : in.failures)
    out += fmt::format("::error file={},title=parlint::{}\n",
                       escapeProperty(rootRelativePath(failure.file, in.sourceRoot)),
                       escapeData(std::string(tuStatusText(failure.status)) + ": " + failure.command));
  return out;
}

} // namespace parlint::tool
