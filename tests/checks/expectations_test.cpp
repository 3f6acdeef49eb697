// The harness is part of the spec: if it misreads an expectation, every check
// test is meaningless. These pin its notation.
#include "expectations.h"

#include <gtest/gtest.h>

using namespace parlint::testing;

TEST(Expectations, SameLineAndRelativeLines) {
  const auto spec = parseInput("int a;\n"
                               "f(); // EXPECT-WARNING:3 spawn in loop\n"
                               "// EXPECT-NOTE@-2:1 loop here\n"
                               "// EXPECT-WARNING@+1:7 next line\n"
                               "g();\n",
                               "parlint-x");
  ASSERT_EQ(spec.expected.size(), 3u);
  EXPECT_EQ(spec.expected[0].describe(), "2:3: warning: spawn in loop [parlint-x]");
  EXPECT_EQ(spec.expected[1].describe(), "1:1: note: loop here");
  EXPECT_EQ(spec.expected[2].describe(), "5:7: warning: next line [parlint-x]");
  EXPECT_TRUE(spec.errors.empty());
}

TEST(Expectations, Directives) {
  const auto spec = parseInput("// RUN-STD: c++20\n"
                               "// RUN-CONFIG: {CheckOptions: {a.b: 1}}\n"
                               "// RUN-ARGS: -DX=1 -DY\n"
                               "// RUN-MODE: broken\n",
                               "parlint-x");
  EXPECT_EQ(spec.standard, "c++20");
  EXPECT_EQ(spec.config, "{CheckOptions: {a.b: 1}}");
  EXPECT_EQ(spec.extraArgs, (std::vector<std::string>{"-DX=1", "-DY"}));
  EXPECT_TRUE(spec.broken);
  EXPECT_EQ(spec.checks, "parlint-x");
}

TEST(Expectations, TyposAreErrorsNotSilence) {
  const auto spec = parseInput("f(); // EXPECT-WARNNG:3 oops\n"
                               "// RUN-STANDARD: c++20\n",
                               "parlint-x");
  EXPECT_TRUE(spec.expected.empty());
  EXPECT_EQ(spec.errors.size(), 2u);
}

TEST(TidyOutput, ParsesWarningsNotesAndErrors) {
  const auto diags = parseTidyOutput(
      "/tmp/a.cpp:3:5: warning: thread spawned per element [parlint-unbounded-spawn]\n"
      "  std::thread t(f);\n"
      "    ^\n"
      "/tmp/a.cpp:2:3: note: loop is here\n"
      "/tmp/a.cpp:9:1: error: expected ';' after expression [clang-diagnostic-error]\n"
      "1 warning generated.\n");
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags[0].file, "/tmp/a.cpp");
  EXPECT_EQ(diags[0].describe(),
            "3:5: warning: thread spawned per element [parlint-unbounded-spawn]");
  EXPECT_EQ(diags[1].describe(), "2:3: note: loop is here");
  EXPECT_EQ(diags[2].check, "clang-diagnostic-error");
}

TEST(Expectations, CInputsDefaultToC11AndTakeOnlyCStandards) {
  EXPECT_EQ(languageOfInput("/x/unjoined-thread/a.c"), "c");
  EXPECT_EQ(languageOfInput("/x/unjoined-thread/a.cpp"), "c++");
  EXPECT_EQ(languageOfInput("/x/unjoined-thread/a.fixed.c"), "c");

  const auto plain = parseInput("int main(void) { return 0; }\n", "parlint-x", "c");
  EXPECT_EQ(plain.language, "c");
  EXPECT_EQ(plain.standard, "c11");
  EXPECT_TRUE(plain.errors.empty());

  const auto gnu = parseInput("// RUN-STD: gnu11\n", "parlint-x", "c");
  EXPECT_EQ(gnu.standard, "gnu11");
  EXPECT_TRUE(gnu.errors.empty());

  EXPECT_EQ(parseInput("// RUN-STD: c++20\n", "parlint-x", "c").errors.size(), 1u);
  EXPECT_EQ(parseInput("// RUN-STD: c11\n", "parlint-x", "c++").errors.size(), 1u);
  EXPECT_EQ(parseInput("", "parlint-x").standard, "c++17");
}

TEST(BrokenInputs, PassOnlyWithACompilerErrorAndNoParlintFinding) {
  const auto withError = parseTidyOutput(
      "/tmp/a.cpp:9:1: error: expected ';' after expression [clang-diagnostic-error]\n");
  EXPECT_TRUE(brokenRunProblems(withError).empty());

  const auto missingHeader = parseTidyOutput(
      "/tmp/a.c:3:10: error: 'nope.h' file not found [clang-diagnostic-error]\n");
  EXPECT_TRUE(brokenRunProblems(missingHeader).empty());

  // The input became valid: nothing (or only warnings) reported.
  EXPECT_EQ(brokenRunProblems({}).size(), 1u);
  const auto onlyWarning = parseTidyOutput(
      "/tmp/a.cpp:2:3: warning: unused variable 'x' [clang-diagnostic-unused-variable]\n");
  EXPECT_EQ(brokenRunProblems(onlyWarning).size(), 1u);

  // parlint spoke next to the error: one problem for the finding.
  const auto spoke = parseTidyOutput(
      "/tmp/a.cpp:9:1: error: expected ';' after expression [clang-diagnostic-error]\n"
      "/tmp/a.cpp:4:5: warning: thread per element [parlint-unbounded-spawn]\n");
  ASSERT_EQ(brokenRunProblems(spoke).size(), 1u);
  EXPECT_NE(brokenRunProblems(spoke)[0].find("parlint spoke"), std::string::npos);

  // A parlint warning promoted to an error is not a compiler error.
  const auto promoted = parseTidyOutput(
      "/tmp/a.cpp:4:5: error: thread per element [parlint-unbounded-spawn,-warnings-as-errors]\n");
  EXPECT_EQ(brokenRunProblems(promoted).size(), 2u);
}
