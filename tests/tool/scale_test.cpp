// Baselines, shards + merge, and the result cache.
#include "tool_test_support.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

using namespace parlint::tool::testing;

namespace {

const char *kNewFinding = R"(#include <thread>
#include <vector>
void work(int item);
void spawnEach(const std::vector<int> &items) {
  std::vector<std::thread> threads;
  for (int item : items)
    threads.emplace_back(work, item);
  for (auto &t : threads)
    t.join();
}
)";

TEST(Baseline, RoundTripReportsOnlyNewFindings) {
  Project project;
  project.writeDatabase();
  const ToolRun write = project.parlint({"--no-cache", "--write-baseline", "baseline.json"});
  EXPECT_EQ(write.exitCode, 1);
  EXPECT_EQ(countOccurrences(project.read("baseline.json"), "\"fingerprint\""), 3);

  const ToolRun same = project.parlint({"--no-cache", "--baseline", "baseline.json"});
  EXPECT_EQ(same.exitCode, 0) << same.out;
  EXPECT_EQ(same.out, "no findings\n");
  EXPECT_NE(same.err.find("3 baseline findings not shown"), std::string::npos) << same.err;

  // Known findings stay known when code moves; a new one is reported alone.
  project.write("src/spawn.cpp", "// moved down\n\n" + project.read("src/spawn.cpp"));
  project.write("src/added.cpp", kNewFinding);
  project.writeDatabase();
  const ToolRun added = project.parlint({"--no-cache", "--baseline", "baseline.json"});
  EXPECT_EQ(added.exitCode, 1);
  EXPECT_EQ(countOccurrences(added.out, ": warning:"), 1) << added.out;
  EXPECT_NE(added.out.find("src/added.cpp:7:5"), std::string::npos) << added.out;

  EXPECT_EQ(project.parlint({"--no-cache", "--baseline", "missing.json"}).exitCode, 3);
}

TEST(Shards, ThreeShardsMergedEqualTheUnshardedRun) {
  Project project;
  project.write("src/added.cpp", kNewFinding);
  project.writeDatabase();
  const ToolRun whole = project.parlint({"--no-cache", "--format", "sarif"});
  ASSERT_EQ(whole.exitCode, 1);
  std::vector<std::string> files = {"merge"};
  int unitsSeen = 0;
  for (int k = 1; k <= 3; ++k) {
    const std::string name = "shard" + std::to_string(k) + ".sarif";
    const ToolRun shard = project.parlint(
        {"--no-cache", "--format", "sarif", "--shard", std::to_string(k) + "/3", "-o", name});
    std::smatch m;
    ASSERT_TRUE(std::regex_search(shard.err, m, std::regex("(\\d+) translation units"))) << shard.err;
    unitsSeen += std::stoi(m[1]);
    EXPECT_GE(std::stoi(m[1]), 1) << "shard " << k << " is empty";
    files.push_back(name);
  }
  EXPECT_EQ(unitsSeen, 5); // every TU in exactly one shard
  const ToolRun merged = project.parlint(files);
  EXPECT_EQ(merged.exitCode, 1) << merged.err;
  EXPECT_EQ(merged.out, whole.out);
}

int fromCache(const ToolRun &run) {
  std::smatch m;
  if (!std::regex_search(run.err, m, std::regex("(\\d+) from cache")))
    return -1;
  return std::stoi(m[1]);
}

TEST(Cache, HitWhenUnchangedMissOnHeaderConfigAndModuleChange) {
  Project project;
  project.writeDatabase();
  // A private copy of the module, to "rebuild" it.
  const std::string module = project.path("module/libparlint-tidy.so");
  std::filesystem::create_directories(project.path("module"));
  const ToolRun version = project.parlint({"--version"});
  const std::string builtModule = version.out.substr(version.out.find("module: ") + 8);
  std::filesystem::copy_file(builtModule.substr(0, builtModule.find('\n')), module);
  const std::vector<std::string> cached = {"--cache-dir", project.path("cache"), "--load", module};

  const ToolRun cold = project.parlint(cached);
  EXPECT_EQ(fromCache(cold), 0) << cold.err;
  const ToolRun warm = project.parlint(cached);
  EXPECT_EQ(fromCache(warm), 4) << warm.err;
  EXPECT_EQ(warm.out, cold.out);
  EXPECT_EQ(warm.exitCode, cold.exitCode);

  // Touched without a change: still a hit (the key is the content).
  project.write("src/clean.cpp", project.read("src/clean.cpp"));
  EXPECT_EQ(fromCache(project.parlint(cached)), 4);

  // A header edit: the two TUs that include it miss.
  project.write("include/pipeline.h", project.read("include/pipeline.h") + "// edited\n");
  EXPECT_EQ(fromCache(project.parlint(cached)), 2);

  // A config change: every TU under it misses.
  // (the fixture's .clang-tidy ends with its CheckOptions)
  project.write(".clang-tidy", project.read(".clang-tidy") +
                                   "  parlint-unbounded-spawn.MaxConstantTripCount: 8\n");
  EXPECT_EQ(fromCache(project.parlint(cached)), 0);
  EXPECT_EQ(fromCache(project.parlint(cached)), 4);

  // A rebuilt module: everything misses.
  std::ofstream(module, std::ios::app | std::ios::binary) << "rebuilt";
  const ToolRun rebuilt = project.parlint(cached);
  EXPECT_EQ(fromCache(rebuilt), 0) << rebuilt.err;
  EXPECT_EQ(rebuilt.out, cold.out);
}

} // namespace
