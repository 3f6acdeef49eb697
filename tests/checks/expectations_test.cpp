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
