// Human-facing text, written with fmt.
#include "paths.h"
#include "report.h"

#include <fmt/color.h>
#include <fmt/format.h>

#include <map>

namespace parlint::tool {

namespace {

class Painter {
public:
  explicit Painter(bool color) : color_(color) {}
  std::string operator()(const std::string &text, fmt::text_style style) const {
    return color_ ? fmt::format(style, "{}", text) : text;
  }

private:
  bool color_;
};

fmt::text_style levelStyle(const std::string &level) {
  if (level == "error")
    return fmt::emphasis::bold | fg(fmt::terminal_color::bright_red);
  if (level == "note")
    return fmt::emphasis::bold | fg(fmt::terminal_color::bright_black);
  return fmt::emphasis::bold | fg(fmt::terminal_color::bright_magenta);
}

// One clang-style message: "file:line:col: level: text [check]", the source
// line and a caret under the column.
void appendMessage(std::string &out, const Message &m, const std::string &level,
                   const std::string &check, SourceFiles &sources, const Painter &paint) {
  const Position pos = m.hasLocation() ? sources.position(m.file, m.offset) : Position{};
  std::string where;
  if (m.hasLocation())
    where = pos.line ? fmt::format("{}:{}:{}: ", displayPath(m.file), pos.line, pos.column)
                     : displayPath(m.file) + ": ";
  out += paint(where, fmt::emphasis::bold);
  out += paint(level + ":", levelStyle(level));
  out += paint(" " + m.text, fmt::emphasis::bold);
  if (!check.empty())
    out += " [" + check + "]";
  out += '\n';
  if (!pos.line)
    return;
  const std::string line = sources.lineText(m.file, pos.line);
  std::string caret;
  for (unsigned i = 0; i + 1 < pos.column && i < line.size(); ++i)
    caret += line[i] == '\t' ? '\t' : ' ';
  out += fmt::format("{:>5} | {}\n", pos.line, line);
  out += fmt::format("{:>5} | {}{}\n", "", caret, paint("^", fg(fmt::terminal_color::bright_green)));
}

} // namespace

std::string textReport(const ReportInput &in, bool color) {
  const Painter paint(color);
  std::string out;
  std::string previousFile;
  std::map<std::string, int> perCheck;
  std::map<std::string, int> perLevel;
  for (const auto &f : in.findings) {
    if (!out.empty() && f.diag.main.file != previousFile)
      out += '\n'; // a blank line between files
    previousFile = f.diag.main.file;
    appendMessage(out, f.diag.main, levelName(f.diag.level), f.diag.check, in.sources, paint);
    for (const auto &note : f.diag.notes)
      appendMessage(out, note, "note", "", in.sources, paint);
    ++perCheck[f.diag.check];
    ++perLevel[levelName(f.diag.level)];
  }
  if (in.findings.empty())
    return "no findings\n";

  std::vector<std::string> parts;
  for (const char *level : {"error", "warning", "remark"})
    if (int n = perLevel[level])
      parts.push_back(fmt::format("{} {}{}", n, level, n == 1 ? "" : "s"));
  out += fmt::format("\n{}:\n", fmt::join(parts, ", "));
  for (const auto &[check, count] : perCheck)
    out += fmt::format("{:>6}  {}\n", count, check);
  return out;
}

std::string textFailures(const ReportInput &in, bool color) {
  const Painter paint(color);
  std::string out;
  for (const auto &failure : in.failures) {
    out += fmt::format("{} {}: {}\n", paint("parlint: error:", levelStyle("error")),
                       displayPath(failure.file), tuStatusText(failure.status));
    out += fmt::format("  command: {}\n", failure.command);
    if (!failure.detail.empty()) {
      std::string detail = failure.detail;
      if (detail.back() == '\n')
        detail.pop_back();
      for (size_t start = 0; start <= detail.size();) {
        size_t end = detail.find('\n', start);
        if (end == std::string::npos)
          end = detail.size();
        out += "  | " + detail.substr(start, end - start) + "\n";
        start = end + 1;
      }
    }
  }
  return out;
}

} // namespace parlint::tool
