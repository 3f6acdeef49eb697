// What parlint analyses: `FILE... -- FLAGS` without a compilation database
// (as clang-tidy), and the entries of a database it skips: sources that are
// not C or C++, sources that do not exist.
#include "tool_test_support.h"

#include <gtest/gtest.h>

using namespace parlint::tool::testing;

namespace {

std::vector<std::string> args(std::initializer_list<std::string> extra) {
  std::vector<std::string> all = {"--no-cache", "--no-progress"};
  all.insert(all.end(), extra.begin(), extra.end());
  return all;
}

TEST(FixedDatabase, FilesAreCompiledWithTheFlagsAfterDoubleDash) {
  Project project; // no compile_commands.json
  const ToolRun run = project.parlint(args({"src/spawn.cpp", "src/clean.cpp", "--", "-std=c++17", "-Iinclude"}));
  EXPECT_EQ(run.exitCode, 1) << run.err;
  EXPECT_NE(run.out.find("src/spawn.cpp:11:5: warning:"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("2 translation units"), std::string::npos) << run.err;
  const ToolRun clean = project.parlint(args({"src/clean.cpp", "--", "-std=c++17"}));
  EXPECT_EQ(clean.exitCode, 0) << clean.out << clean.err;
  EXPECT_EQ(clean.out, "no findings\n");
}

TEST(FixedDatabase, TheFlagsDecide) {
  Project project;
  project.write("src/flagged.cpp", "#include <thread>\nvoid work();\n"
                                   "void run() {\n#ifdef LEAK\n  std::thread t(work);\n#endif\n}\n");
  EXPECT_EQ(project.parlint(args({"src/flagged.cpp", "--", "-std=c++17"})).exitCode, 0);
  const ToolRun leak = project.parlint(args({"src/flagged.cpp", "--", "-std=c++17", "-DLEAK"}));
  EXPECT_EQ(leak.exitCode, 1) << leak.err;
  EXPECT_NE(leak.out.find("src/flagged.cpp:5:15: warning:"), std::string::npos) << leak.out;
  // A file that does not compile with them: the reproducing command has them.
  project.write("src/broken.cpp", "void f() { undeclared(); }\n");
  const ToolRun broken = project.parlint(args({"src/broken.cpp", "--", "-std=c++17", "-DLEAK"}));
  EXPECT_EQ(broken.exitCode, 2) << broken.err;
  EXPECT_NE(broken.err.find("src/broken.cpp -- -std=c++17 -DLEAK"), std::string::npos) << broken.err;
}

TEST(FixedDatabase, BadUsageExit3) {
  Project project;
  project.writeDatabase();
  for (const std::vector<std::string> &bad :
       {args({"--", "-std=c++17"}), args({"-p", ".", "src/spawn.cpp", "--", "-std=c++17"}),
        args({"src/no-such-file.cpp", "--", "-std=c++17"}), args({"src", "--", "-std=c++17"})}) {
    const ToolRun run = project.parlint(bad);
    EXPECT_EQ(run.exitCode, 3) << run.err;
    EXPECT_NE(run.err.find("parlint: error: "), std::string::npos) << run.err;
  }
}

TEST(CompileDatabase, OtherLanguagesAndMissingSourcesAreSkippedAndCounted) {
  Project project;
  project.write("src/start.S", "  .text\n  .globl start\nstart:\n  ret\n");
  project.write("src/kernel.cu", "__global__ void k() {}\n");
  project.writeDatabase({"src/spawn.cpp", "src/start.S", "src/kernel.cu", "src/generated.cpp"}, false);
  const ToolRun run = project.parlint(args({}));
  EXPECT_EQ(run.exitCode, 1) << run.err; // findings; nothing failed
  EXPECT_NE(run.out.find("src/spawn.cpp:11:5: warning:"), std::string::npos) << run.out;
  // One line for the missing source, none for the skipped languages.
  EXPECT_EQ(countOccurrences(run.err, "generated.cpp"), 1) << run.err;
  EXPECT_NE(run.err.find("parlint: warning: src/generated.cpp: in the compilation database but does "
                         "not exist"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(run.err.find("start.S"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("error"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("1 translation units, 2 not C or C++ skipped, 1 missing sources skipped, 0 failed"),
            std::string::npos)
      << run.err;
}

} // namespace
