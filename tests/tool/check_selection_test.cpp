// Which checks `parlint` runs: parlint's, whatever else the project's
// .clang-tidy enables; the configuration's parlint- entries turn them on and
// off; --checks adds to them; --project-checks runs the project's checks too.
#include "tool_test_support.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

using namespace parlint::tool::testing;

namespace {

std::vector<std::string> args(std::initializer_list<std::string> extra) {
  std::vector<std::string> all = {"--no-cache", "--no-progress"};
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

// The checks named in "[check]" at the end of the text report's warnings.
std::set<std::string> reportedChecks(const std::string &out) {
  std::set<std::string> checks;
  const std::regex warning(R"(: warning: .* \[([a-z0-9.,-]+)\]\n)");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), warning); it != std::sregex_iterator(); ++it)
    checks.insert((*it)[1]);
  return checks;
}

// A use after move (bugprone-use-after-move), an unused parameter
// (misc-unused-parameters) and a joinable thread (parlint-unjoined-thread).
const char *const kMixed = "#include <string>\n#include <thread>\n#include <utility>\n"
                           "void use(std::string);\n"
                           "void run(std::string s, int unused) {\n"
                           "  std::thread t(use, std::move(s));\n"
                           "  use(s);\n"
                           "}\n";

// The project's .clang-tidy enables every clang-tidy check; it keeps its
// header filter and options.
const char *const kEverything = "Checks: '*'\nHeaderFilterRegex: 'include/'\n"
                                "CheckOptions:\n  parlint-unbounded-spawn.FixToRuntime: false\n";

TEST(CheckSelection, ProjectEnablingEveryCheckStillRunsParlintsOnly) {
  Project project;
  project.write(".clang-tidy", kEverything);
  project.write("src/mixed.cpp", kMixed);
  project.writeDatabase({"src/mixed.cpp", "src/report.cpp"}, false);
  const ToolRun run = project.parlint(args({}));
  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_EQ(reportedChecks(run.out),
            (std::set<std::string>{"parlint-unjoined-thread", "parlint-large-copy-to-worker"}))
      << run.out;
  // The header filter still applies: include/pipeline.h's finding is reported.
  EXPECT_NE(run.out.find("include/pipeline.h:13:31: warning:"), std::string::npos) << run.out;
}

TEST(CheckSelection, ChecksOptionAddsToParlintsChecks) {
  Project project;
  project.write(".clang-tidy", kEverything);
  project.write("src/mixed.cpp", kMixed);
  project.writeDatabase({"src/mixed.cpp"}, false);
  const ToolRun added = project.parlint(args({"--checks=bugprone-use-after-move"}));
  EXPECT_EQ(reportedChecks(added.out),
            (std::set<std::string>{"parlint-unjoined-thread", "bugprone-use-after-move"}))
      << added.out << added.err;
  const ToolRun alone = project.parlint(args({"--checks=-*,bugprone-use-after-move"}));
  EXPECT_EQ(reportedChecks(alone.out), (std::set<std::string>{"bugprone-use-after-move"}))
      << alone.out << alone.err;
  const ToolRun oneOff = project.parlint(args({"--checks=-parlint-unjoined-thread"}));
  EXPECT_EQ(oneOff.exitCode, 0) << oneOff.out << oneOff.err;
}

TEST(CheckSelection, ProjectChecksRunsTheProjectsOwnChecksToo) {
  Project project;
  project.write(".clang-tidy", "Checks: '-*,bugprone-use-after-move,misc-unused-parameters'\n");
  project.write("src/mixed.cpp", kMixed);
  project.writeDatabase({"src/mixed.cpp"}, false);
  EXPECT_EQ(reportedChecks(project.parlint(args({})).out),
            (std::set<std::string>{"parlint-unjoined-thread"}));
  // The configuration never names parlint's checks: they are added to it.
  const ToolRun run = project.parlint(args({"--project-checks"}));
  EXPECT_EQ(reportedChecks(run.out),
            (std::set<std::string>{"parlint-unjoined-thread", "bugprone-use-after-move",
                                   "misc-unused-parameters"}))
      << run.out << run.err;
  // With --checks, as clang-tidy: appended to the project's checks.
  const ToolRun appended = project.parlint(args({"--project-checks", "--checks=-misc-*"}));
  EXPECT_EQ(reportedChecks(appended.out), (std::set<std::string>{"bugprone-use-after-move"}))
      << appended.out << appended.err;
}

TEST(CheckSelection, ConfigurationNamingParlintChecksDecidesWhichRun) {
  Project project;
  project.writeDatabase({"src/report.cpp", "src/spawn.cpp"}, false);
  // Only one of parlint's checks.
  project.write(".clang-tidy", "Checks: '-*,parlint-unbounded-spawn'\nHeaderFilterRegex: 'include/'\n");
  EXPECT_EQ(reportedChecks(project.parlint(args({})).out),
            (std::set<std::string>{"parlint-unbounded-spawn"}));
  // Every check, one of parlint's off.
  project.write(".clang-tidy", "Checks: '*,-parlint-unbounded-spawn'\nHeaderFilterRegex: 'include/'\n");
  EXPECT_EQ(reportedChecks(project.parlint(args({})).out),
            (std::set<std::string>{"parlint-unjoined-thread", "parlint-large-copy-to-worker"}));
}

TEST(CheckSelection, DirectoryWithEveryParlintCheckOffIsSkippedAndCounted) {
  Project project;
  project.write("src/vendor/.clang-tidy", "InheritParentConfig: true\nChecks: '-parlint-*'\n");
  project.write("src/vendor/spawn.cpp", project.read("src/spawn.cpp"));
  project.writeDatabase({"src/vendor/spawn.cpp", "src/report.cpp"}, false);
  const ToolRun run = project.parlint(args({}));
  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_EQ(run.out.find("src/vendor/"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("src/report.cpp"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("1 translation units, 1 with parlint's checks turned off"), std::string::npos)
      << run.err;
}

} // namespace
