#include "input_check.h"

#include "expectations.h"
#include "tidy_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <iostream>
#include <regex>

namespace fs = std::filesystem;

namespace parlint::testing {

namespace {

// Folders that are not one check's inputs.
bool isSpecialFolder(const std::string &name) { return name == "example-project"; }

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isInput(const std::string &name) {
  return (endsWith(name, ".cpp") && !endsWith(name, ".fixed.cpp")) ||
         (endsWith(name, ".c") && !endsWith(name, ".fixed.c"));
}

std::vector<std::string> describeAll(const std::vector<Diagnostic> &diags,
                                     const std::string &inputFile, bool dropCheck) {
  std::vector<std::string> out;
  for (auto d : diags) {
    // Notes that only report an applied fix are an artefact of --fix.
    if (d.severity == "note" && d.message == "FIX-IT applied suggested code changes")
      continue;
    if (dropCheck)
      d.check.clear();
    std::string text = d.describe();
    if (!d.file.empty() && d.file != inputFile)
      text = d.file + ":" + text;
    out.push_back(text);
  }
  std::sort(out.begin(), out.end());
  return out;
}

} // namespace

std::vector<fs::path> discoverInputs(const fs::path &root) {
  std::vector<fs::path> inputs;
  for (const auto &folder : fs::directory_iterator(root)) {
    if (!folder.is_directory() || isSpecialFolder(folder.path().filename()))
      continue;
    for (const auto &file : fs::directory_iterator(folder.path()))
      if (file.is_regular_file() && isInput(file.path().filename()))
        inputs.push_back(file.path());
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

std::string checkForFolder(const std::string &folder) {
  return folder == "robustness" ? "parlint-*" : "parlint-" + folder;
}

std::string inputTestName(const fs::path &input) {
  std::string name = input.parent_path().filename().string() + "_" + input.stem().string();
  if (input.extension() == ".c")
    name += "_c";
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return name;
}

fs::path goldenFileFor(const fs::path &input) {
  return input.parent_path() /
         (input.stem().string() + ".fixed" + input.extension().string());
}

// A program: the input defines `int main(`.
bool hasMain(const std::string &text) {
  static const std::regex main(R"((^|\n)\s*int\s+main\s*\()");
  return std::regex_search(text, main);
}

// Builds the original and the fixed program against the runtime the fix-its
// rewrite onto, runs both, and compares what they print.
void compareFixedProgram(const std::string &original, const std::string &fixed,
                         const InputSpec &spec, const std::string &dir) {
  if (!runtimeLibraryAvailable()) {
    std::cerr << "note: no runtime library in this build, fixed program not run\n";
    return;
  }
  const std::string before = dir + "/before", after = dir + "/after";
  const CommandResult builtBefore = buildProgram(original, spec, before, true);
  ASSERT_EQ(builtBefore.exitCode, 0) << "input does not build:\n" << builtBefore.output;
  const CommandResult builtAfter = buildProgram(fixed, spec, after, true);
  ASSERT_EQ(builtAfter.exitCode, 0)
      << "fixed file does not link against the runtime:\n" << builtAfter.output;
  const CommandResult ranBefore = runProgram(before);
  const CommandResult ranAfter = runProgram(after);
  EXPECT_EQ(ranBefore.exitCode, 0) << "input program failed:\n" << ranBefore.output;
  EXPECT_EQ(ranAfter.exitCode, 0) << "fixed program failed:\n" << ranAfter.output;
  EXPECT_FALSE(ranBefore.output.empty()) << "the input program prints nothing to compare";
  EXPECT_EQ(ranAfter.output, ranBefore.output) << "the fixed program prints something else";
}

void checkInput(const fs::path &input, const std::string &checks) {
  const std::string original = readFile(input);
  const InputSpec spec = parseInput(original, checks, languageOfInput(input));
  ASSERT_TRUE(spec.errors.empty()) << ::testing::PrintToString(spec.errors);

  TempDir dir;
  const std::string copy = dir.path() + "/" + input.filename().string();
  writeFile(copy, original);
  const CommandResult run = runTidy(copy, spec, /*fix=*/true);
  ASSERT_FALSE(run.crashed()) << run.output;
  const auto actual = parseTidyOutput(run.output);

  if (spec.broken) {
    // Invalid code: the compiler's errors are required, parlint must be silent.
    for (const auto &problem : brokenRunProblems(actual))
      ADD_FAILURE() << problem << "\nclang-tidy said:\n" << run.output;
    return;
  }

  const bool wildcard = spec.checks.find('*') != std::string::npos;
  EXPECT_EQ(describeAll(actual, copy, wildcard), describeAll(spec.expected, copy, wildcard))
      << "clang-tidy said:\n"
      << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;

  const fs::path golden = goldenFileFor(input);
  const bool hasGolden = fs::exists(golden);
  const std::string expectedFixed = hasGolden ? readFile(golden) : original;
  if (hasGolden)
    EXPECT_NE(expectedFixed, original) << golden << " equals its input";
  EXPECT_EQ(readFile(copy), expectedFixed)
      << "--fix output differs from " << (hasGolden ? golden : input);
  if (hasGolden) {
    const CommandResult compiled = compileOnly(copy, spec);
    EXPECT_EQ(compiled.exitCode, 0) << "fixed file does not compile:\n" << compiled.output;
    if (compiled.exitCode == 0 && hasMain(original)) {
      const std::string unfixed = dir.path() + "/original" + input.extension().string();
      writeFile(unfixed, original);
      compareFixedProgram(unfixed, copy, spec, dir.path());
    }
  }
}

} // namespace parlint::testing
