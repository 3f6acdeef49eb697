// parlint-worker analyses in-process, skipping the bodies of system-header
// functions; it must report exactly what clang-tidy-19 --load reports. For
// every input under test-inputs/ (broken ones included), both run from the
// same one-entry compilation database with the input's checks and config,
// and their exit codes, printed diagnostics and exported fixes must be equal.
#include "input_check.h"
#include "tidy_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

namespace fs = std::filesystem;
using namespace parlint::testing;

namespace {

std::string jsonString(const std::string &text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

void writeDatabase(const std::string &dir, const fs::path &input, const InputSpec &spec) {
  std::string arguments = jsonString(spec.language == "c" ? PARLINT_CLANG : PARLINT_CLANGXX);
  for (const std::string &arg : compilerArgs(spec))
    arguments += ", " + jsonString(arg);
  arguments += ", \"-c\", " + jsonString(input.string());
  writeFile(dir + "/compile_commands.json",
            "[{\"directory\": " + jsonString(dir) + ", \"file\": " + jsonString(input.string()) +
                ", \"arguments\": [" + arguments + "]}]\n");
}

// clang's closing "N warnings generated." also counts warnings nobody is
// shown: a deprecation inside a standard-library body instantiated from the
// input (std::inplace_merge's get_temporary_buffer) is counted by clang-tidy,
// while the worker never parses that body. Every printed diagnostic is still
// compared; only that count line is left out.
std::string withoutWarningCount(const std::string &output) {
  static const std::regex countLine("^[0-9]+ warnings? generated\\.\n", std::regex::multiline);
  return std::regex_replace(output, countLine, "");
}

struct AnalysisRun {
  CommandResult result;
  std::string fixes;
};

AnalysisRun analyse(std::vector<std::string> argv, const std::string &dir, const InputSpec &spec,
            const fs::path &input, const std::string &name) {
  const std::string fixes = dir + "/" + name + ".yaml";
  for (const std::string &arg : {"--checks=-*," + spec.checks, "--config=" + spec.config,
                                 std::string("--quiet"), "--export-fixes=" + fixes, "-p=" + dir,
                                 input.string()})
    argv.push_back(arg);
  AnalysisRun run{runCommand(argv), {}};
  if (fs::exists(fixes))
    run.fixes = readFile(fixes);
  return run;
}

class WorkerEquivalence : public ::testing::TestWithParam<fs::path> {};

TEST_P(WorkerEquivalence, SameDiagnosticsAndFixesAsClangTidy) {
  const fs::path input = GetParam();
  const InputSpec spec = parseInput(readFile(input.string()),
                                    checkForFolder(input.parent_path().filename()),
                                    languageOfInput(input.string()));
  TempDir dir;
  writeDatabase(dir.path(), input, spec);
  const std::string module = std::string("--load=") + PARLINT_TIDY_MODULE;
  const AnalysisRun tidy = analyse({PARLINT_CLANG_TIDY, module}, dir.path(), spec, input, "tidy");
  const AnalysisRun worker = analyse({PARLINT_WORKER, std::string("--clang-tidy=") + PARLINT_CLANG_TIDY,
                              module, "--in-process-only"},
                             dir.path(), spec, input, "worker");
  ASSERT_FALSE(worker.result.crashed()) << worker.result.output;
  EXPECT_EQ(worker.result.exitCode, tidy.result.exitCode) << worker.result.output;
  EXPECT_EQ(withoutWarningCount(worker.result.output), withoutWarningCount(tidy.result.output));
  EXPECT_EQ(worker.fixes, tidy.fixes);
}

INSTANTIATE_TEST_SUITE_P(TestInputs, WorkerEquivalence,
                         ::testing::ValuesIn(discoverInputs(PARLINT_TEST_INPUTS)),
                         [](const auto &info) { return inputTestName(info.param); });

} // namespace
