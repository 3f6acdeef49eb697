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

InputSpec parseInput(const std::string &text, const std::string &defaultCheck,
                     const std::string &language) {
  static const std::regex expectation(
      R"(//\s*EXPECT-(WARNING|NOTE)(@([+-]\d+))?:(\d+) (.+)$)");
  static const std::regex directive(R"(//\s*RUN-([A-Z]+):\s*(.*)$)");
  static const std::regex misspelled(R"(//\s*(EXPECT|RUN)-)");

  InputSpec spec;
  spec.checks = defaultCheck;
  spec.language = language;
  spec.standard = language == "c" ? "c11" : "c++17";
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
      if (key == "STD") {
        spec.standard = value;
        // -std=c++17 on a C input (or c11 on C++) is an error clang would
        // report as a broken input; say what is wrong instead.
        const bool cxxStandard = value.find("++") != std::string::npos;
        if (cxxStandard != (language != "c"))
          spec.errors.push_back("line " + std::to_string(lineNo) + ": RUN-STD: " +
                                value + " is not a " + language + " standard");
      }
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

std::string languageOfInput(const std::string &path) {
  return path.size() >= 2 && path.compare(path.size() - 2, 2, ".c") == 0 ? "c" : "c++";
}

std::vector<std::string> brokenRunProblems(const std::vector<Diagnostic> &actual) {
  std::vector<std::string> problems;
  bool compilerError = false;
  for (const auto &d : actual) {
    if (d.check.rfind("parlint-", 0) == 0)
      problems.push_back("parlint spoke on invalid code: " + d.describe());
    else if (d.severity == "error" &&
             (d.check.empty() || d.check.rfind("clang-diagnostic-", 0) == 0))
      compilerError = true;
  }
  if (!compilerError)
    problems.push_back("RUN-MODE: broken, but the compiler reported no error: the "
                       "input is valid code now (fix the input or drop the mode)");
  return problems;
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
