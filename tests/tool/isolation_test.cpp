// A TU that crashes the analysis or hangs is reported with its command and
// the run goes on (exit 2). Uses fake-clang-tidy, which behaves like
// clang-tidy-19 except on crash_me.cpp and hang_me.cpp.
#include "tool_test_support.h"

#include <gtest/gtest.h>

#include <chrono>

using namespace parlint::tool::testing;

namespace {

TEST(Isolation, CrashingTranslationUnitIsReportedAndTheRunGoesOn) {
  Project project;
  project.write("src/crash_me.cpp", "int main() {}\n");
  project.writeDatabase({"src/crash_me.cpp", "src/spawn.cpp"}, false);
  const ToolRun run = project.parlint({"--no-cache", "-j2", "--clang-tidy", PARLINT_FAKE_TIDY});
  EXPECT_EQ(run.exitCode, 2) << run.err;
  EXPECT_NE(run.err.find("src/crash_me.cpp: clang-tidy crashed"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("command: "), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("src/spawn.cpp:11:5"), std::string::npos) << run.out;
}

// The TU that must still be reported is conflict_me.cpp, whose diagnostics
// the fake writes at once: a real analysis (spawn.cpp) can itself exceed the
// 3 s timeout on a loaded machine (seen at load average 28).
TEST(Isolation, HungTranslationUnitIsKilledAfterTimeout) {
  Project project;
  project.write("src/hang_me.cpp", "int main() {}\n");
  project.write("src/conflict_me.cpp", "int x = 0;\nint z = 1;\n");
  project.writeDatabase({"src/hang_me.cpp", "src/conflict_me.cpp"}, false);
  const auto start = std::chrono::steady_clock::now();
  const ToolRun run =
      project.parlint({"--no-cache", "-j2", "--timeout", "3", "--clang-tidy", PARLINT_FAKE_TIDY});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(run.exitCode, 2) << run.err;
  EXPECT_NE(run.err.find("src/hang_me.cpp: timed out"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("src/conflict_me.cpp:1:5: warning: rename to y [fake-a]"), std::string::npos)
      << run.out;
  EXPECT_LT(seconds, 30) << "the hung process group was not killed";
}

} // namespace
