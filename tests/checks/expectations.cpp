#include "expectations.h"

#include <regex>
#include <sstream>

namespace parlint::testing {

std::string Diagnostic::describe() const {
  std::ostringstream out;
  out << line << ':' << column << ": " << severity << ": " << message;
  if (!check.empty())
    out << " [" << check << ']';
  return out.str();
}

namespace {

std::string trim(const std::string &s) {
  const auto begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos)
    return "";
  const auto end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

void splitArgs(const std::string &text, std::vector<std::string> &out) {
  std::istringstream in(text);
  for (std::string word; in >> word;)
    out.push_back(word);
}

} // namespace

InputSpec parseInput(const std::string &text, const std::string &defaultCheck) {
  static const std::regex expectation(
      R"(//\s*EXPECT-(WARNING|NOTE)(@([+-]\d+))?:(\d+) (.+)$)");
  static const std::regex directive(R"(//\s*RUN-([A-Z]+):\s*(.*)$)");
  static const std::regex misspelled(R"(//\s*(EXPECT|RUN)-)");

  InputSpec spec;
  spec.checks = defaultCheck;
  std::istringstream in(text);
  std::string line;
  for (int lineNo = 1; std::getline(in, line); ++lineNo) {
    std::smatch m;
    if (std::regex_search(line, m, expectation)) {
      Diagnostic d;
      d.line = lineNo + (m[3].matched ? std::stoi(m[3].str()) : 0);
      d.column = std::stoi(m[4].str());
      d.severity = m[1].str() == "WARNING" ? "warning" : "note";
      d.message = trim(m[5].str());
      if (d.severity == "warning")
        d.check = defaultCheck;
      spec.expected.push_back(d);
    } else if (std::regex_search(line, m, directive)) {
      const std::string key = m[1].str(), value = trim(m[2].str());
      if (key == "STD")
        spec.standard = value;
      else if (key == "CONFIG")
        spec.config = value;
      else if (key == "ARGS")
        splitArgs(value, spec.extraArgs);
      else if (key == "CHECKS")
        spec.checks = value;
      else if (key == "MODE" && value == "broken")
        spec.broken = true;
      else
        spec.errors.push_back("line " + std::to_string(lineNo) +
                              ": unknown directive RUN-" + key);
    } else if (std::regex_search(line, m, misspelled)) {
      spec.errors.push_back("line " + std::to_string(lineNo) +
                            ": malformed expectation: " + trim(line));
    }
  }
  // Warnings name the check they come from; an input that runs a wildcard
  // cannot know which one, so its expectations must not pin one.
  if (spec.checks.find('*') != std::string::npos)
    for (auto &d : spec.expected)
      d.check.clear();
  return spec;
}

std::vector<Diagnostic> parseTidyOutput(const std::string &output) {
  static const std::regex diag(
      R"(^(.*):(\d+):(\d+): (warning|note|error): (.*?)( \[([A-Za-z0-9_.,-]+)\])?$)");
  std::vector<Diagnostic> result;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, diag))
      continue;
    Diagnostic d;
    d.file = m[1].str();
    d.line = std::stoi(m[2].str());
    d.column = std::stoi(m[3].str());
    d.severity = m[4].str();
    d.message = m[5].str();
    d.check = m[7].matched ? m[7].str() : "";
    result.push_back(d);
  }
  return result;
}

} // namespace parlint::testing
