// Robustness beyond the hand-written inputs: a generated huge function (the
// CFG-based checks must neither crash nor take unbounded time on it) and the
// bundled example project (every check runs over real-looking code at once).
#include "expectations.h"
#include "tidy_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using namespace parlint::testing;

namespace {

InputSpec allChecks() {
  InputSpec spec;
  spec.checks = "parlint-*";
  return spec;
}

// A function with thousands of branches around correctly joined threads and a
// single thread-per-element loop: exactly one parlint finding is correct.
std::string hugeFunction(int branches) {
  std::ostringstream src;
  src << "#include <thread>\n#include <vector>\n"
         "void work(int);\n"
         "int huge(const std::vector<int> &items, int x) {\n"
         "  int total = 0;\n"
         "  std::thread first(work, 0);\n";
  for (int i = 0; i < branches; ++i)
    src << "  if (x == " << i << ") { total += " << i << "; } else { total -= 1; }\n";
  src << "  first.join();\n"
         "  std::vector<std::thread> all;\n"
         "  for (int item : items) all.emplace_back(work, item);\n"
         "  for (auto &t : all) t.join();\n"
         "  return total;\n"
         "}\n";
  return src.str();
}

TEST(Robustness, HugeGeneratedFunction) {
  TempDir dir;
  const std::string file = dir.path() + "/huge.cpp";
  writeFile(file, hugeFunction(4000));
  const CommandResult run = runTidy(file, allChecks(), /*fix=*/false);
  ASSERT_FALSE(run.crashed()) << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;
  std::multiset<std::string> checks;
  for (const auto &d : parseTidyOutput(run.output))
    if (d.severity == "warning")
      checks.insert(d.check);
  EXPECT_EQ(checks, std::multiset<std::string>{"parlint-unbounded-spawn"}) << run.output;
}

TEST(Robustness, ExampleProjectTriggersEveryCoreCheck) {
  const fs::path project = fs::path(PARLINT_TEST_INPUTS) / "example-project";
  std::set<std::string> seen;
  for (const auto &entry : fs::directory_iterator(project)) {
    if (entry.path().extension() != ".cpp")
      continue;
    // The same flags as the project's compile_flags.txt.
    InputSpec spec = allChecks();
    spec.standard = "c++20";
    spec.extraArgs = {"-I" + (project / "include").string()};
    const CommandResult run = runTidy(entry.path(), spec, /*fix=*/false);
    ASSERT_FALSE(run.crashed()) << run.output;
    EXPECT_EQ(run.exitCode, 0) << entry.path() << "\n" << run.output;
    for (const auto &d : parseTidyOutput(run.output))
      if (d.severity == "warning")
        seen.insert(d.check);
  }
  EXPECT_EQ(seen, (std::set<std::string>{"parlint-unbounded-spawn",
                                         "parlint-large-copy-to-worker",
                                         "parlint-unjoined-thread",
                                         "parlint-missing-pool-shutdown"}));
}

} // namespace
