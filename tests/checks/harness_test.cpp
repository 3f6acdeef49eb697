// The harness's own plumbing, end to end with the real clang-tidy-19 and
// clang-19: C inputs run as C (-x c, c11 by default, RUN-STD, -pthread), their
// golden *.fixed.c files are found, inputs are discovered by extension, and a
// `RUN-MODE: broken` input passes only while the compiler reports an error.
// No parlint check runs on C yet (all declare themselves C++-only), so the C
// inputs here expect silence from parlint and test only the harness.
#include "expectations.h"
#include "input_check.h"
#include "tidy_runner.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace parlint::testing;

namespace {

// Valid C that is not valid C++ (`class` and `new` are identifiers, void*
// converts implicitly), starts a pthread, and checks the dialect it runs in.
const char *const kCProgram = R"(#include <pthread.h>
#include <stdlib.h>
#ifdef __cplusplus
#error "parsed as C++"
#endif
#ifndef _REENTRANT
#error "no -pthread"
#endif
static void *work(void *arg) { return arg; }
int start(void) {
  int class = 1;
  int *new = malloc(sizeof *new);
  pthread_t id;
  if (pthread_create(&id, NULL, work, new) != 0)
    return -1;
  pthread_join(id, NULL);
  free(new);
  return class;
}
)";

std::string write(const TempDir &dir, const std::string &name, const std::string &text) {
  const std::string path = dir.path() + "/" + name;
  writeFile(path, text);
  return path;
}

bool hasError(const std::vector<Diagnostic> &diags) {
  for (const auto &d : diags)
    if (d.severity == "error")
      return true;
  return false;
}

TEST(CInputs, RunTidyPassesDashXC) {
  // The extension says C++; only -x c makes this parse.
  TempDir dir;
  const std::string file = write(dir, "looks_like_cxx.cpp", kCProgram);
  InputSpec c = parseInput(kCProgram, "parlint-*", "c");
  const CommandResult run = runTidy(file, c, /*fix=*/false);
  ASSERT_FALSE(run.crashed()) << run.output;
  EXPECT_FALSE(hasError(parseTidyOutput(run.output))) << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;

  InputSpec cxx = parseInput(kCProgram, "parlint-*", "c++");
  const CommandResult asCxx = runTidy(file, cxx, /*fix=*/false);
  EXPECT_TRUE(hasError(parseTidyOutput(asCxx.output))) << asCxx.output;
}

TEST(CInputs, FixedFilesCompileWithClangAsC) {
  TempDir dir;
  const std::string file = write(dir, "looks_like_cxx.cpp", kCProgram);
  const CommandResult c = compileOnly(file, parseInput(kCProgram, "parlint-*", "c"));
  EXPECT_EQ(c.exitCode, 0) << c.output;
  const CommandResult cxx = compileOnly(file, parseInput(kCProgram, "parlint-*", "c++"));
  EXPECT_NE(cxx.exitCode, 0) << cxx.output;
}

TEST(CInputs, SilentInputPassesAsC11ByDefault) {
  TempDir dir;
  const std::string text = std::string(kCProgram) +
                           "_Static_assert(__STDC_VERSION__ == 201112L, \"c11\");\n"
                           "#ifndef __STRICT_ANSI__\n#error \"not strict c11\"\n#endif\n";
  checkInput(write(dir, "silent.c", text), "parlint-*");
}

TEST(CInputs, RunStdGnu11) {
  TempDir dir;
  const std::string text = "// RUN-STD: gnu11\n" + std::string(kCProgram) +
                           "_Static_assert(__STDC_VERSION__ == 201112L, \"c11\");\n"
                           "#ifdef __STRICT_ANSI__\n#error \"not gnu11\"\n#endif\n"
                           "typeof(1) gnu_only;\n";
  checkInput(write(dir, "gnu.c", text), "parlint-*");
}

TEST(CInputs, GoldenFixedCIsCompared) {
  TempDir dir;
  const std::string input = write(dir, "with_golden.c", kCProgram);
  write(dir, "with_golden.fixed.c", std::string(kCProgram) + "/* fixed */\n");
  EXPECT_EQ(goldenFileFor(input), fs::path(dir.path()) / "with_golden.fixed.c");
  // No check fires on C, so the golden file cannot match: the harness must
  // have read it to say so.
  EXPECT_NONFATAL_FAILURE(checkInput(input, "parlint-*"), "with_golden.fixed.c");
}

TEST(BrokenInputs, BrokenCInputPasses) {
  TempDir dir;
  checkInput(write(dir, "broken.c",
                   "// RUN-MODE: broken\nint f(void) { return 0 }\n"),
             "parlint-*");
}

TEST(BrokenInputs, BrokenInputThatCompilesFails) {
  TempDir dir;
  const std::string cxx = write(dir, "not_broken.cpp",
                                "// RUN-MODE: broken\nint f() { return 0; }\n");
  EXPECT_NONFATAL_FAILURE(checkInput(cxx, "parlint-*"), "the compiler reported no error");
  const std::string c =
      write(dir, "not_broken.c", "// RUN-MODE: broken\n" + std::string(kCProgram));
  EXPECT_NONFATAL_FAILURE(checkInput(c, "parlint-*"), "the compiler reported no error");
}

// The link-and-run mode: fixed programs are linked against the runtime and
// must print what their input printed.
const char *const kSumProgram = R"(#include <cstdio>
#include <future>
#include <vector>
static int square(int x) { return x * x; }
int main() {
  std::vector<std::future<int>> futures;
  for (int i = 1; i <= 10; ++i)
    futures.push_back(std::async(std::launch::async, square, i));
  int sum = 0;
  for (auto &f : futures)
    sum += f.get();
  std::printf("%d\n", sum);
}
)";

std::string onPool(std::string program, const std::string &shout = "") {
  program.insert(0, "#include <parlint/thread_pool.h>\n");
  const std::string spawn = "std::async(std::launch::async, ";
  program.replace(program.find(spawn), spawn.size(), "pool.submit(");
  program.insert(program.find("  for (int i"), "  parlint::ThreadPool pool;\n");
  if (!shout.empty())
    program.replace(program.find("\"%d\\n\""), 6, "\"" + shout + "%d\\n\"");
  return program;
}

TEST(LinkAndRun, MainIsFound) {
  EXPECT_TRUE(hasMain(kSumProgram));
  EXPECT_TRUE(hasMain("int main(int argc, char **argv) {}"));
  EXPECT_FALSE(hasMain("int domain(int);\nvoid f() { int main_count(); }"));
}

TEST(LinkAndRun, FixedProgramLinksWithTheRuntime) {
  if (!runtimeLibraryAvailable())
    GTEST_SKIP() << "no runtime library in this build";
  TempDir dir;
  const std::string original = write(dir, "sum.cpp", kSumProgram);
  const std::string fixed = write(dir, "sum_fixed.cpp", onPool(kSumProgram));
  compareFixedProgram(original, fixed, parseInput(kSumProgram, "parlint-*"), dir.path());
}

TEST(LinkAndRun, DifferentOutputFails) {
  if (!runtimeLibraryAvailable())
    GTEST_SKIP() << "no runtime library in this build";
  TempDir dir;
  const std::string original = write(dir, "sum.cpp", kSumProgram);
  const std::string fixed = write(dir, "sum_fixed.cpp", onPool(kSumProgram, "sum "));
  EXPECT_NONFATAL_FAILURE(
      compareFixedProgram(original, fixed, parseInput(kSumProgram, "parlint-*"), dir.path()),
      "prints something else");
}

TEST(Discovery, CAndCxxInputsWithoutGoldenFiles) {
  TempDir dir;
  const fs::path root = dir.path();
  fs::create_directories(root / "some-check");
  fs::create_directories(root / "example-project");
  for (const char *name : {"a.c", "a.fixed.c", "b.cpp", "b.fixed.cpp", "c.h", "d.txt"})
    writeFile((root / "some-check" / name).string(), "");
  writeFile((root / "example-project" / "main.cpp").string(), "");
  const auto inputs = discoverInputs(root);
  EXPECT_EQ(inputs, (std::vector<fs::path>{root / "some-check" / "a.c",
                                           root / "some-check" / "b.cpp"}));
  EXPECT_EQ(inputTestName(root / "some-check" / "a.c"), "some_check_a_c");
  EXPECT_EQ(inputTestName(root / "some-check" / "b.cpp"), "some_check_b");
  EXPECT_EQ(goldenFileFor(root / "some-check" / "b.cpp"), root / "some-check" / "b.fixed.cpp");
  EXPECT_EQ(checkForFolder("some-check"), "parlint-some-check");
}

} // namespace
