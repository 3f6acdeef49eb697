// The command line's contract: manual, usage errors, exit codes, selection,
// one run per distinct compile command, determinism and one report per finding.
#include "tool_test_support.h"

#include <gtest/gtest.h>

using namespace parlint::tool::testing;

namespace {

const std::vector<std::string> kNoCache = {"--no-cache", "--no-progress"};

std::vector<std::string> args(std::initializer_list<std::string> extra) {
  std::vector<std::string> all = kNoCache;
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

TEST(Cli, HelpReadsLikeAManPage) {
  Project project;
  const ToolRun run = project.parlint({"--help"});
  EXPECT_EQ(run.exitCode, 0);
  for (const char *section : {"NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "EXIT STATUS", "EXAMPLES"})
    EXPECT_NE(run.out.find(section), std::string::npos) << section;
  for (const char *usage : {"parlint [options] FILE... -- COMPILER-FLAGS", "--project-checks",
                            "parlint src/worker.cpp -- -std=c++17 -Iinclude"})
    EXPECT_NE(run.out.find(usage), std::string::npos) << usage;
}

TEST(Cli, VersionNamesToolClangTidyAndModule) {
  Project project;
  const ToolRun run = project.parlint({"--version"});
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_NE(run.out.find("parlint 0."), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(19."), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("libparlint-tidy.so"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("worker: /"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("parlint-worker"), std::string::npos) << run.out;
  // A clang-tidy of the user's choice runs directly.
  const ToolRun chosen = project.parlint({"--version", "--clang-tidy", "clang-tidy-19"});
  EXPECT_NE(chosen.out.find("worker: none"), std::string::npos) << chosen.out;
}

TEST(Cli, ListChecksFollowsTheProjectConfig) {
  Project project;
  const ToolRun run = project.parlint({"--list-checks"});
  EXPECT_EQ(run.exitCode, 0) << run.err;
  for (const char *check : {"parlint-unbounded-spawn", "parlint-large-copy-to-worker",
                            "parlint-unjoined-thread", "parlint-missing-pool-shutdown"})
    EXPECT_NE(run.out.find(check), std::string::npos) << check;
  // .clang-tidy says '-*,parlint-*': nothing else.
  EXPECT_EQ(run.out.find("clang-analyzer"), std::string::npos) << run.out;
}

TEST(ExitCodes, BadUsageAndConfigurationExit3) {
  Project project;
  project.writeDatabase();
  EXPECT_EQ(project.parlint(args({"--no-such-option"})).exitCode, 3);
  EXPECT_EQ(project.parlint(args({"--shard", "4/3"})).exitCode, 3);
  EXPECT_EQ(project.parlint(args({"--format", "xml"})).exitCode, 3);
  EXPECT_EQ(project.parlint(args({"-p", "no-such-dir"})).exitCode, 3);
  EXPECT_EQ(project.parlint(args({"src/not-in-database.cpp"})).exitCode, 3);
  EXPECT_EQ(project.parlint(args({"--load", "/no/such/module.so"})).exitCode, 3);
  const ToolRun badConfig = project.parlint(args({"--checks=-*"}));
  EXPECT_EQ(badConfig.exitCode, 3);
  EXPECT_NE(badConfig.err.find("configuration"), std::string::npos) << badConfig.err;
}

TEST(ExitCodes, NoFindingsExit0FindingsExit1) {
  Project project;
  project.writeDatabase();
  const ToolRun clean = project.parlint(args({"src/clean.cpp"}));
  EXPECT_EQ(clean.exitCode, 0) << clean.out << clean.err;
  EXPECT_EQ(clean.out, "no findings\n");
  const ToolRun all = project.parlint(args({}));
  EXPECT_EQ(all.exitCode, 1) << all.err;
  // --fail-on chooses what fails.
  EXPECT_EQ(project.parlint(args({"--fail-on=none"})).exitCode, 0);
  EXPECT_EQ(project.parlint(args({"--fail-on=failures"})).exitCode, 0);
  EXPECT_EQ(project.parlint(args({"--fail-on=errors"})).exitCode, 0); // warnings only
  EXPECT_EQ(project.parlint(args({"--fail-on=errors", "--warnings-as-errors=parlint-*"})).exitCode, 1);
}

TEST(ExitCodes, TranslationUnitThatDoesNotCompileExit2) {
  Project project;
  project.write("src/broken.cpp", "#include <thread>\nvoid f() { undeclared(); }\n");
  project.writeDatabase({"src/broken.cpp", "src/spawn.cpp"}, false);
  const ToolRun run = project.parlint(args({}));
  EXPECT_EQ(run.exitCode, 2) << run.err;
  EXPECT_NE(run.err.find("src/broken.cpp: does not compile"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("command: "), std::string::npos) << run.err;
  // The rest of the project was still analysed.
  EXPECT_NE(run.out.find("parlint-unbounded-spawn"), std::string::npos) << run.out;
  EXPECT_EQ(project.parlint(args({"--fail-on=findings"})).exitCode, 1);
}

TEST(Selection, PathsDirectoriesAndGlobs) {
  Project project;
  project.writeDatabase();
  const ToolRun file = project.parlint(args({"src/report.cpp"}));
  EXPECT_NE(file.out.find("src/report.cpp:7:15"), std::string::npos) << file.out;
  EXPECT_EQ(file.out.find("src/spawn.cpp"), std::string::npos) << file.out;
  const ToolRun glob = project.parlint(args({"*/sp*.cpp"}));
  EXPECT_NE(glob.out.find("src/spawn.cpp:11:5"), std::string::npos) << glob.out;
  EXPECT_EQ(glob.out.find("src/report.cpp"), std::string::npos) << glob.out;
  const ToolRun dir = project.parlint(args({"src"}));
  EXPECT_NE(dir.out.find("src/report.cpp"), std::string::npos);
  EXPECT_NE(dir.out.find("src/spawn.cpp"), std::string::npos);
}

TEST(Run, DuplicateCompileEntriesRunOnce) {
  Project project;
  project.writeDatabase(); // the first source twice
  const ToolRun run = project.parlint(args({}));
  EXPECT_NE(run.err.find("4 translation units, 1 duplicate entries skipped"), std::string::npos)
      << run.err;
}

TEST(Run, HeaderFindingReportedOnce) {
  Project project;
  project.writeDatabase();
  const ToolRun run = project.parlint(args({}));
  // include/pipeline.h is analysed through src/report.cpp and src/spawn.cpp.
  EXPECT_EQ(countOccurrences(run.out, "include/pipeline.h:13:31: warning:"), 1) << run.out;
  EXPECT_EQ(countOccurrences(run.out, "[parlint-large-copy-to-worker]"), 1) << run.out;
}

TEST(Run, KeepsClangTidySemanticsNolintAndConfig) {
  Project project;
  project.writeDatabase();
  const ToolRun run = project.parlint(args({"src/suppressed.cpp"}));
  EXPECT_EQ(run.exitCode, 0) << run.out; // NOLINT(parlint-unbounded-spawn)
  // A .clang-tidy in a subdirectory with CheckOptions, inheriting the parent's.
  project.write("src/.clang-tidy", "InheritParentConfig: true\nChecks: '-parlint-unjoined-thread'\n");
  const ToolRun inherited = project.parlint(args({"src/report.cpp"}));
  EXPECT_EQ(inherited.out.find("parlint-unjoined-thread"), std::string::npos) << inherited.out;
  EXPECT_NE(inherited.out.find("include/pipeline.h"), std::string::npos) << inherited.out;
}

// parlint-worker analyses in-process only when parlint's checks alone are
// enabled; with another clang-tidy check it hands the TU to clang-tidy-19,
// whose finding must then appear next to parlint's.
TEST(Run, OtherClangTidyChecksStillRun) {
  Project project;
  project.write("src/moved.cpp", "#include <string>\n#include <thread>\n#include <utility>\n"
                                 "void use(std::string);\n"
                                 "void run(std::string s) {\n"
                                 "  std::thread t(use, std::move(s));\n"
                                 "  use(s);\n"
                                 "}\n");
  project.writeDatabase({"src/moved.cpp"}, false);
  const ToolRun run = project.parlint(args({"--checks=-*,parlint-*,bugprone-use-after-move"}));
  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_NE(run.out.find("[bugprone-use-after-move]"), std::string::npos) << run.out << run.err;
  EXPECT_NE(run.out.find("[parlint-unjoined-thread]"), std::string::npos) << run.out;
}

TEST(Run, ParallelOutputEqualsSerialByteForByte) {
  Project project;
  project.writeDatabase();
  for (const char *format : {"text", "sarif"}) {
    const ToolRun serial = project.parlint(args({"-j1", "--format", format}));
    const ToolRun parallel = project.parlint(args({"-j4", "--format", format}));
    EXPECT_EQ(serial.exitCode, 1) << format;
    EXPECT_EQ(parallel.exitCode, 1) << format;
    EXPECT_EQ(serial.out, parallel.out) << format;
  }
}

} // namespace
