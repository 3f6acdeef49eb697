// One test per input under test-inputs/<check>/: runs clang-tidy-19 --fix on a
// copy, compares every diagnostic exactly with the input's EXPECT comments,
// compares the fixed file with the golden <name>.fixed.cpp (or with the input
// itself when there is none: no fix-it may fire), and compiles the fixed file.
#include "expectations.h"
#include "tidy_runner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;
using namespace parlint::testing;

namespace {

// Folders that are not one check's inputs.
bool isSpecialFolder(const std::string &name) {
  return name == "example-project";
}

std::string checkForFolder(const std::string &folder) {
  return folder == "robustness" ? "parlint-*" : "parlint-" + folder;
}

bool endsWith(const std::string &s, const std::string &suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<fs::path> allInputs() {
  std::vector<fs::path> inputs;
  for (const auto &folder : fs::directory_iterator(PARLINT_TEST_INPUTS)) {
    if (!folder.is_directory() || isSpecialFolder(folder.path().filename()))
      continue;
    for (const auto &file : fs::directory_iterator(folder.path())) {
      const std::string name = file.path().filename();
      if (endsWith(name, ".cpp") && !endsWith(name, ".fixed.cpp"))
        inputs.push_back(file.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

std::string testName(const fs::path &input) {
  std::string name = input.parent_path().filename().string() + "_" +
                     input.stem().string();
  for (char &c : name)
    if (!isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return name;
}

std::vector<std::string> describeAll(const std::vector<Diagnostic> &diags,
                                     const std::string &inputFile,
                                     bool dropCheck) {
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

class CheckInput : public ::testing::TestWithParam<fs::path> {};

TEST_P(CheckInput, DiagnosticsAndFixesMatch) {
  const fs::path input = GetParam();
  const std::string original = readFile(input);
  const InputSpec spec =
      parseInput(original, checkForFolder(input.parent_path().filename()));
  ASSERT_TRUE(spec.errors.empty()) << ::testing::PrintToString(spec.errors);

  TempDir dir;
  const std::string copy = dir.path() + "/" + input.filename().string();
  writeFile(copy, original);
  const CommandResult run = runTidy(copy, spec, /*fix=*/true);
  ASSERT_FALSE(run.crashed()) << run.output;
  const auto actual = parseTidyOutput(run.output);

  if (spec.broken) {
    // Invalid code: the compiler's errors are expected, parlint must be silent.
    for (const auto &d : actual)
      EXPECT_EQ(d.check.rfind("parlint-", 0), std::string::npos)
          << "parlint spoke on invalid code: " << d.describe();
    return;
  }

  const bool wildcard = spec.checks.find('*') != std::string::npos;
  EXPECT_EQ(describeAll(actual, copy, wildcard),
            describeAll(spec.expected, copy, wildcard))
      << "clang-tidy said:\n"
      << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;

  const fs::path golden = input.parent_path() / (input.stem().string() + ".fixed.cpp");
  const bool hasGolden = fs::exists(golden);
  const std::string expectedFixed = hasGolden ? readFile(golden) : original;
  if (hasGolden)
    EXPECT_NE(expectedFixed, original) << golden << " equals its input";
  EXPECT_EQ(readFile(copy), expectedFixed) << "--fix output differs from "
                                           << (hasGolden ? golden : input);
  if (hasGolden) {
    const CommandResult compiled = compileOnly(copy, spec);
    EXPECT_EQ(compiled.exitCode, 0) << "fixed file does not compile:\n"
                                    << compiled.output;
  }
}

INSTANTIATE_TEST_SUITE_P(TestInputs, CheckInput, ::testing::ValuesIn(allInputs()),
                         [](const auto &info) { return testName(info.param); });

} // namespace
