// Every check option survives clang-tidy's configuration round trip: with no
// configuration, `--dump-config` shows the documented default; with a
// non-default value for every option in --config, it shows exactly that value
// (so each check reads and stores the option under the documented name).
//
// A new option is one line in kOptions. The defaults test also fails when a
// check stores an option kOptions does not list.
#include "tidy_runner.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

using namespace parlint::testing;

namespace {

struct Option {
  const char *name;         // <check>.<option>, as in .clang-tidy's CheckOptions
  const char *defaultValue; // documented default, what --dump-config shows unconfigured
  const char *customValue;  // a non-default value that must come back unchanged
};

const Option kOptions[] = {
    {"parlint-unbounded-spawn.MaxConstantTripCount", "64", "7"},
    {"parlint-unbounded-spawn.FixToRuntime", "true", "false"},
    {"parlint-unbounded-spawn.PoolType", "", "mylib::Pool"},
    {"parlint-unbounded-spawn.PoolHeader", "", "\"mylib/pool.h\""},
    {"parlint-unbounded-spawn.IncludeStyle", "llvm", "google"},
    {"parlint-unjoined-thread.ReportAssertionExits", "false", "true"},
    {"parlint-unjoined-thread.Cxx17Replacement", "parlint::ScopedThread", "mylib::JoiningThread"},
    {"parlint-unjoined-thread.Cxx17ReplacementHeader", "<parlint/scoped_thread.h>",
     "\"mylib/joining_thread.h\""},
    {"parlint-unjoined-thread.IncludeStyle", "llvm", "google"},
    {"parlint-large-copy-to-worker.ContainerTypes",
     "::std::vector;::std::deque;::std::list;::std::map;::std::multimap;::std::set;"
     "::std::multiset;::std::unordered_map;::std::unordered_multimap;"
     "::std::unordered_set;::std::unordered_multiset",
     "::std::vector;::mylib::Buffer"},
    {"parlint-large-copy-to-worker.SizeThreshold", "4096", "128"},
    {"parlint-large-copy-to-worker.IncludeStyle", "llvm", "google"},
    {"parlint-missing-pool-shutdown.PoolTypes", "boost::asio::thread_pool",
     "boost::asio::thread_pool;mylib::Pool"},
    {"parlint-missing-pool-shutdown.ShutdownMethods", "join;wait", "join;wait;shutdown"},
    {"parlint-hardcoded-worker-count.PoolTypes", "boost::asio::thread_pool",
     "boost::asio::thread_pool;mylib::Pool"},
    {"parlint-hardcoded-worker-count.FixItReplacement", "", "parlint::default_worker_count()"},
    {"parlint-hardcoded-worker-count.FixItHeader", "", "<parlint/worker_count.h>"},
    {"parlint-hardcoded-worker-count.IncludeStyle", "llvm", "google"},
    {"parlint-hardcoded-worker-count.IncludeTestCode", "false", "true"},
    {"parlint-fork-after-threads.PoolTypes", "boost::asio::thread_pool",
     "boost::asio::thread_pool;mylib::Pool"},
};

// A YAML scalar as clang-tidy writes it: plain, 'single' ('' for ') or "double".
std::string unquote(const std::string &value) {
  if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') {
    std::string out;
    for (size_t i = 1; i + 1 < value.size(); ++i) {
      out += value[i];
      if (value[i] == '\'' && value[i + 1] == '\'')
        ++i;
    }
    return out;
  }
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
    return value.substr(1, value.size() - 2);
  return value;
}

// The `CheckOptions:` mapping of --dump-config's output.
std::map<std::string, std::string> checkOptions(const std::string &yaml) {
  std::map<std::string, std::string> options;
  std::istringstream in(yaml);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("CheckOptions:", 0) == 0) {
      inside = true;
      continue;
    }
    if (!inside)
      continue;
    if (line.empty() || (line[0] != ' ' && line[0] != '\t'))
      break;
    const auto start = line.find_first_not_of(" \t");
    const auto colon = line.find(": ", start);
    if (colon == std::string::npos)
      continue;
    options[line.substr(start, colon - start)] = unquote(line.substr(colon + 2));
  }
  return options;
}

// Single-quoted YAML, safe for ';' and '::'.
std::string quoted(const std::string &value) {
  std::string out = "'";
  for (char c : value)
    out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

CommandResult dumpConfig(const TempDir &dir, const std::string *config) {
  // A .clang-tidy next to the file stops clang-tidy from picking up one from a
  // parent directory; it holds no options.
  writeFile(dir.path() + "/.clang-tidy", "Checks: '-*'\n");
  const std::string file = dir.path() + "/input.cpp";
  writeFile(file, "int main() {}\n");
  std::vector<std::string> argv = {PARLINT_CLANG_TIDY,
                                   std::string("--load=") + PARLINT_TIDY_MODULE,
                                   "--checks=-*,parlint-*"};
  if (config)
    argv.push_back("--config=" + *config);
  argv.push_back("--dump-config");
  argv.push_back(file);
  return runCommand(argv);
}

TEST(DumpConfig, DocumentedDefaultsWithoutConfiguration) {
  TempDir dir;
  const CommandResult run = dumpConfig(dir, nullptr);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  const auto dumped = checkOptions(run.output);

  std::set<std::string> listed;
  for (const Option &option : kOptions) {
    listed.insert(option.name);
    const auto found = dumped.find(option.name);
    ASSERT_NE(found, dumped.end()) << option.name << " missing from:\n" << run.output;
    EXPECT_EQ(found->second, option.defaultValue) << option.name;
  }
  std::set<std::string> stored;
  for (const auto &[name, value] : dumped)
    if (name.rfind("parlint-", 0) == 0)
      stored.insert(name);
  EXPECT_EQ(stored, listed) << "every parlint option needs a line in kOptions";
}

TEST(DumpConfig, EveryOptionRoundTrips) {
  std::string config = "{CheckOptions: {";
  const char *separator = "";
  for (const Option &option : kOptions) {
    ASSERT_STRNE(option.customValue, option.defaultValue)
        << option.name << ": the custom value must differ from the default";
    config += separator + std::string(option.name) + ": " + quoted(option.customValue);
    separator = ", ";
  }
  config += "}}";

  TempDir dir;
  const CommandResult run = dumpConfig(dir, &config);
  ASSERT_EQ(run.exitCode, 0) << run.output;
  const auto dumped = checkOptions(run.output);
  for (const Option &option : kOptions) {
    const auto found = dumped.find(option.name);
    ASSERT_NE(found, dumped.end()) << option.name << " missing from:\n" << run.output;
    EXPECT_EQ(found->second, option.customValue) << option.name << "\n" << run.output;
  }
}

} // namespace
