// The bundled example project (test-inputs/example-project/), run the way
// scripts/parlint-example runs it: every parlint check over all its *.cpp in
// one clang-tidy-19 invocation, with the flags of its compile_flags.txt.
//
// ExampleProject.DiagnosticsMatchGolden compares the whole diagnostic list —
// warnings and notes, each as file:line:col: severity: message [check], paths
// relative to the project, sorted — with
// test-inputs/example-project/expected-diagnostics.txt.
// After an intended change in what parlint reports, regenerate that file with
//
//   PARLINT_UPDATE_GOLDEN=1 build/plain/tests/checks/example_project_test
//
// (or PARLINT_UPDATE_GOLDEN=1 ctest --test-dir build/plain -R ExampleProject)
// and review `git diff test-inputs/example-project/expected-diagnostics.txt`.
//
// ExampleProject.EveryCheckFiresAtLeastOnce: every check the module registers
// (clang-tidy --list-checks) warns at least once on the project.
#include "expectations.h"
#include "tidy_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <set>
#include <sstream>
#include <tuple>

namespace fs = std::filesystem;
using namespace parlint::testing;

namespace {

const fs::path kProject = fs::path(PARLINT_TEST_INPUTS) / "example-project";
const fs::path kGolden = kProject / "expected-diagnostics.txt";

const char *const kGoldenHeader =
    "# Every diagnostic (warnings and notes) parlint reports on this project, sorted\n"
    "# (file, line, column): file:line:col: severity: message [check].\n"
    "# Checked by tests/checks/example_project_test.cpp;\n"
    "# regenerate with PARLINT_UPDATE_GOLDEN=1 build/plain/tests/checks/example_project_test\n";

std::vector<std::string> projectSources() {
  std::vector<std::string> sources;
  for (const auto &entry : fs::directory_iterator(kProject))
    if (entry.path().extension() == ".cpp")
      sources.push_back(entry.path().string());
  std::sort(sources.begin(), sources.end());
  return sources;
}

// No `--`: clang-tidy reads the project's compile_flags.txt, as in
// scripts/parlint-example.
CommandResult runOverProject() {
  std::vector<std::string> argv = {PARLINT_CLANG_TIDY,
                                   std::string("--load=") + PARLINT_TIDY_MODULE,
                                   "--checks=-*,parlint-*", "--quiet"};
  for (const auto &source : projectSources())
    argv.push_back(source);
  return runCommand(argv);
}

std::string relativeToProject(const std::string &file) {
  const fs::path path = fs::path(file).lexically_normal();
  const fs::path relative = path.lexically_relative(kProject.lexically_normal());
  if (relative.empty() || *relative.begin() == "..")
    return path.string(); // outside the project: keep it whole
  return relative.string();
}

// Errors, then warnings, then notes at the same place.
int severityRank(const std::string &severity) {
  return severity == "error" ? 0 : severity == "warning" ? 1 : 2;
}

// Sorted by file, then line and column as numbers.
std::vector<std::string> describeSorted(std::vector<Diagnostic> diags) {
  for (auto &d : diags)
    d.file = relativeToProject(d.file);
  std::sort(diags.begin(), diags.end(), [](const Diagnostic &a, const Diagnostic &b) {
    const int rankA = severityRank(a.severity), rankB = severityRank(b.severity);
    return std::tie(a.file, a.line, a.column, rankA, a.message, a.check) <
           std::tie(b.file, b.line, b.column, rankB, b.message, b.check);
  });
  std::vector<std::string> lines;
  for (const auto &d : diags)
    lines.push_back(d.file + ":" + d.describe());
  return lines;
}

std::vector<std::string> readGolden() {
  std::vector<std::string> lines;
  std::istringstream in(readFile(kGolden.string()));
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#')
      lines.push_back(line);
  return lines;
}

std::string joined(const std::vector<std::string> &lines) {
  std::string text;
  for (const auto &line : lines)
    text += line + "\n";
  return text;
}

// "- line" for each expected line missing, "+ line" for each unexpected one.
std::string lineDiff(const std::vector<std::string> &expected,
                     const std::vector<std::string> &actual) {
  std::multiset<std::string> missing(expected.begin(), expected.end());
  std::vector<std::string> extra;
  for (const auto &line : actual) {
    const auto found = missing.find(line);
    if (found == missing.end())
      extra.push_back(line);
    else
      missing.erase(found);
  }
  std::string diff;
  for (const auto &line : missing)
    diff += "- " + line + "\n";
  for (const auto &line : extra)
    diff += "+ " + line + "\n";
  if (diff.empty())
    diff = "(same lines in another order: the golden file is not sorted)\n";
  return diff;
}

TEST(ExampleProject, DiagnosticsMatchGolden) {
  const CommandResult run = runOverProject();
  ASSERT_FALSE(run.crashed()) << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;
  const std::vector<std::string> actual = describeSorted(parseTidyOutput(run.output));

  const char *update = std::getenv("PARLINT_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    writeFile(kGolden.string(), kGoldenHeader + joined(actual));
    std::cout << "rewrote " << kGolden.string() << " (" << actual.size()
              << " diagnostics)\n";
  }
  ASSERT_TRUE(fs::exists(kGolden))
      << kGolden << " is missing; create it with PARLINT_UPDATE_GOLDEN=1";
  const std::vector<std::string> expected = readGolden();
  EXPECT_TRUE(expected == actual)
      << "the example project's diagnostics differ from " << kGolden << "\n"
      << lineDiff(expected, actual)
      << "(if the change is intended, regenerate it with PARLINT_UPDATE_GOLDEN=1 and "
         "review the diff)\nclang-tidy said:\n"
      << run.output;
}

std::set<std::string> registeredChecks() {
  const CommandResult listed =
      runCommand({PARLINT_CLANG_TIDY, std::string("--load=") + PARLINT_TIDY_MODULE,
                  "--checks=-*,parlint-*", "--list-checks"});
  std::set<std::string> checks;
  std::istringstream in(listed.output);
  for (std::string word; in >> word;)
    if (word.rfind("parlint-", 0) == 0)
      checks.insert(word);
  return checks;
}

TEST(ExampleProject, EveryCheckFiresAtLeastOnce) {
  const std::set<std::string> checks = registeredChecks();
  // The list is read from the module; make sure reading it worked.
  for (const char *core : {"parlint-unbounded-spawn", "parlint-large-copy-to-worker",
                           "parlint-unjoined-thread", "parlint-missing-pool-shutdown"})
    EXPECT_EQ(checks.count(core), 1u) << core << " is not registered";

  const CommandResult run = runOverProject();
  ASSERT_FALSE(run.crashed()) << run.output;
  std::set<std::string> fired;
  for (const auto &d : parseTidyOutput(run.output))
    if (d.severity == "warning")
      fired.insert(d.check);
  EXPECT_EQ(fired, checks) << run.output;
}

} // namespace
