// Fix-it merging: the planner on its own, then --fix and --fix-dry-run end to
// end (a header fix-it seen from two TUs applied once; a conflicting pair
// applied on neither side).
#include "tool_test_support.h"

#include "fixes.h"
#include "process.h"

#include <gtest/gtest.h>

using namespace parlint::tool;
using namespace parlint::tool::testing;

namespace {

Finding withFix(const std::string &check, std::vector<Replacement> fix) {
  Finding f;
  f.diag.check = check;
  f.diag.main.text = "message of " + check;
  f.diag.main.file = "/p/a.cpp";
  f.diag.main.fix = std::move(fix);
  return f;
}

Replacement edit(unsigned offset, unsigned length, const std::string &text,
                 const std::string &file = "/p/a.cpp") {
  return {file, offset, length, text};
}

TEST(FixPlanner, IdenticalEditsFromTwoChecksApplyOnce) {
  const FixPlan plan = planFixes({withFix("check-a", {edit(10, 1, "y"), edit(30, 0, "z")}),
                                  withFix("check-b", {edit(10, 1, "y")})});
  EXPECT_TRUE(plan.conflicts.empty());
  EXPECT_EQ(plan.groupsApplied, 2u);
  EXPECT_EQ(plan.identicalDropped, 1u);
  EXPECT_EQ(plan.editsByFile.at("/p/a.cpp"), (std::vector<Replacement>{edit(10, 1, "y"), edit(30, 0, "z")}));
}

TEST(FixPlanner, OverlappingEditsConflictAndNeitherGroupApplies) {
  const FixPlan plan = planFixes({withFix("check-a", {edit(10, 5, "aaaa"), edit(40, 1, "k")}),
                                  withFix("check-b", {edit(12, 1, "b")}),
                                  withFix("check-c", {edit(60, 1, "c")})});
  ASSERT_EQ(plan.conflicts.size(), 1u);
  EXPECT_EQ(plan.conflicts[0].firstCheck, "check-a");
  EXPECT_EQ(plan.conflicts[0].secondCheck, "check-b");
  EXPECT_EQ(plan.conflicts[0].offset, 12u);
  EXPECT_EQ(plan.groupsInConflict, 2u);
  // check-a's other edit (offset 40) is not applied either: a group is all or nothing.
  EXPECT_EQ(plan.editsByFile.at("/p/a.cpp"), (std::vector<Replacement>{edit(60, 1, "c")}));
}

TEST(FixPlanner, TwoDifferentInsertionsAtOnePointConflict) {
  const FixPlan plan = planFixes({withFix("check-a", {edit(5, 0, "x")}), withFix("check-b", {edit(5, 0, "y")})});
  EXPECT_EQ(plan.conflicts.size(), 1u);
  EXPECT_TRUE(plan.editsByFile.empty());
}

TEST(FixPlanner, AdjacentEditsAndOtherFilesDoNotConflict) {
  const FixPlan plan = planFixes({withFix("check-a", {edit(5, 5, "x")}), withFix("check-b", {edit(10, 2, "y")}),
                                  withFix("check-c", {edit(5, 5, "z", "/p/b.cpp")})});
  EXPECT_TRUE(plan.conflicts.empty());
  EXPECT_EQ(plan.groupsApplied, 3u);
  EXPECT_EQ(applyEdits("0123456789abcdef", plan.editsByFile.at("/p/a.cpp")), "01234xycdef");
}

TEST(Fix, HeaderFixFromTwoUnitsAppliedOnceAtomically) {
  Project project;
  project.writeDatabase();
  const std::string before = project.read("include/pipeline.h");
  const ToolRun run = project.parlint({"--no-cache", "--fix"});
  EXPECT_EQ(run.exitCode, 1) << run.err;
  const std::string after = project.read("include/pipeline.h");
  EXPECT_EQ(countOccurrences(after, "std::move(rows)"), 1) << after;
  EXPECT_EQ(countOccurrences(after, "std::move(std::move("), 0) << after;
  EXPECT_NE(run.err.find("1 fix-its applied to 1 files, 0 in conflict"), std::string::npos) << run.err;
  // The fixed project still compiles, and no temporary file is left behind.
  ProcessRequest compile;
  compile.argv = {"clang++-19", "-std=c++17", "-fsyntax-only", "-Iinclude", "src/spawn.cpp"};
  compile.workingDirectory = project.root();
  EXPECT_TRUE(runProcess(compile).succeeded());
  EXPECT_EQ(project.read("include/pipeline.h.parlint-"), "");
  // Fixed: a second run finds nothing more to fix.
  const ToolRun again = project.parlint({"--no-cache", "--fix-dry-run"});
  EXPECT_EQ(again.out, "");
}

TEST(Fix, DryRunPrintsUnifiedDiffAndChangesNothing) {
  Project project;
  project.writeDatabase();
  const std::string before = project.read("include/pipeline.h");
  const ToolRun run = project.parlint({"--no-cache", "--fix-dry-run"});
  EXPECT_EQ(project.read("include/pipeline.h"), before);
  EXPECT_NE(run.out.find("--- a/include/pipeline.h\n+++ b/include/pipeline.h\n@@ -10,6 +10,6 @@"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("-  std::thread worker(consume, rows);\n+  std::thread worker(consume, std::move(rows));\n"),
            std::string::npos)
      << run.out;
}

TEST(Fix, ConflictingPairReportedWithBothChecksNeitherApplied) {
  Project project;
  project.write("src/conflict_me.cpp", "int x = 0;\nint z = 1;\n");
  project.writeDatabase({"src/conflict_me.cpp"}, false);
  const ToolRun run = project.parlint({"--no-cache", "--fix", "--clang-tidy", PARLINT_FAKE_TIDY});
  EXPECT_NE(run.err.find("src/conflict_me.cpp:1:5: fix-it conflict: fake-a and fake-b"), std::string::npos)
      << run.err;
  // Neither 'y' nor 'q'; the identical pair (fake-c, fake-d) applied once.
  EXPECT_EQ(project.read("src/conflict_me.cpp"), "int x = 0;\nint zz = 1;\n");
}

} // namespace
