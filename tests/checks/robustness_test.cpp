// Robustness beyond the hand-written inputs: a generated huge function (the
// CFG-based checks must neither crash nor take unbounded time on it). The
// bundled example project has its own test, example_project_test.cpp.
#include "expectations.h"
#include "tidy_runner.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

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

// A worker with thousands of locked branches and one unlocked write: the
// lock analysis runs over the whole worker and finds exactly that write.
std::string hugeWorker(int branches) {
  std::ostringstream src;
  src << "#include <mutex>\n#include <thread>\n#include <vector>\n"
         "long huge(const std::vector<int> &items) {\n"
         "  std::mutex lock;\n"
         "  long total = 0;\n"
         "  std::vector<std::thread> workers;\n"
         "  const unsigned n = std::thread::hardware_concurrency();\n"
         "  for (unsigned w = 0; w < n; ++w)\n"
         "    workers.emplace_back([&, w] {\n"
         "      for (int x : items) {\n";
  for (int i = 0; i < branches; ++i)
    src << "        if (x == " << i << ") { std::lock_guard<std::mutex> g(lock); total += "
        << i << "; }\n";
  src << "      }\n"
         "      total += w;\n"
         "    });\n"
         "  for (auto &t : workers) t.join();\n"
         "  return total;\n"
         "}\n";
  return src.str();
}

TEST(Robustness, HugeWorkerWithLocks) {
  TempDir dir;
  const std::string file = dir.path() + "/huge_worker.cpp";
  writeFile(file, hugeWorker(3000));
  const CommandResult run = runTidy(file, allChecks(), /*fix=*/false);
  ASSERT_FALSE(run.crashed()) << run.output;
  EXPECT_EQ(run.exitCode, 0) << run.output;
  std::multiset<std::string> checks;
  for (const auto &d : parseTidyOutput(run.output))
    if (d.severity == "warning")
      checks.insert(d.check);
  EXPECT_EQ(checks, std::multiset<std::string>{"parlint-unsynchronized-shared-write"})
      << run.output;
}

} // namespace
