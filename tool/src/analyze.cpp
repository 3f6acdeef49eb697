#include "analyze.h"

#include "baseline.h"
#include "cache.h"
#include "cdb.h"
#include "check_catalog.h"
#include "default_checks.h"
#include "findings.h"
#include "fixes.h"
#include "paths.h"
#include "process.h"
#include "progress.h"
#include "report.h"
#include "shard.h"
#include "tidy_run.h"
#include "tool_paths.h"

#include <parlint/thread_pool.h>

#include <fmt/format.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <optional>
#include <thread>

#include <unistd.h>

namespace parlint::tool {

namespace {

constexpr int kExitFindings = 1, kExitFailures = 2, kExitUsage = 3;

int usageError(const std::string &message) {
  fmt::print(stderr, "parlint: error: {}\n", message);
  return kExitUsage;
}

bool colorWanted(ColorMode mode, int fd) {
  if (mode != ColorMode::Auto)
    return mode == ColorMode::Always;
  const char *term = std::getenv("TERM");
  return isatty(fd) && !std::getenv("NO_COLOR") && !(term && std::string(term) == "dumb");
}

std::string findBuildDir(const std::string &given) {
  if (!given.empty())
    return given;
  for (const char *candidate : {".", "build"})
    if (llvm::sys::fs::exists(std::string(candidate) + "/compile_commands.json"))
      return candidate;
  return ".";
}

TidySettings tidySettings(const Options &options, const ToolPaths &paths) {
  TidySettings settings;
  settings.clangTidy = paths.clangTidy;
  settings.module = paths.module;
  settings.worker = paths.worker;
  settings.passThrough = options.tidyOptions;
  std::optional<std::string> config, configFile;
  for (const auto &option : options.tidyOptions) {
    if (option.rfind("--config=", 0) == 0)
      config = option.substr(9);
    if (option.rfind("--config-file=", 0) == 0)
      configFile = option.substr(14);
  }
  const CheckSelection selection =
      options.projectChecks ? CheckSelection::Project : CheckSelection::Parlint;
  settings.checks = std::make_shared<DefaultChecks>(selection, options.checks, config, configFile);
  settings.checksKey =
      fmt::format("{}\n{}", options.projectChecks ? "project" : "parlint", options.checks);
  settings.timeoutSeconds = options.timeoutSeconds;
  return settings;
}

// Without the jobs in directories whose configuration turns every parlint
// check off (and no --checks adds another): nothing to analyse there.
std::vector<CompileJob> jobsWithChecks(const std::vector<CompileJob> &jobs, DefaultChecks &checks,
                                       size_t &turnedOff) {
  std::vector<CompileJob> kept;
  for (const auto &job : jobs) {
    if (checks.forDirectory(std::string(llvm::sys::path::parent_path(job.file))).runsNothing)
      ++turnedOff;
    else
      kept.push_back(job);
  }
  return kept;
}

// clang-tidy with the user's options and --list-checks: fails on a module
// that does not load, an invalid --config, or no enabled check. `file` picks
// the .clang-tidy files that apply (empty: the current directory's).
ProcessResult listEnabledChecks(const TidySettings &settings, const std::string &file) {
  ProcessRequest request;
  request.argv = commonTidyArguments(
      settings, file.empty() ? currentDirectory() : std::string(llvm::sys::path::parent_path(file)));
  request.argv.push_back("--list-checks");
  if (!file.empty())
    request.argv.push_back(file);
  request.timeoutSeconds = 120;
  return runProcess(request);
}

// Longest first when timings are known; unknown ones (new or never cached)
// first of all, since they may be the longest.
std::vector<size_t> scheduleOrder(const std::vector<CompileJob> &jobs, ResultCache *cache) {
  std::vector<std::pair<double, size_t>> keyed;
  for (size_t i = 0; i < jobs.size(); ++i) {
    std::optional<double> cost = cache ? cache->knownCost(jobs[i]) : std::nullopt;
    keyed.emplace_back(cost ? *cost : 1e18, i);
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto &a, const auto &b) { return a.first > b.first; });
  std::vector<size_t> order;
  for (const auto &k : keyed)
    order.push_back(k.second);
  return order;
}

TuResult analyseOne(const CompileJob &job, const TidySettings &settings, ResultCache *cache) {
  if (cache)
    if (std::optional<TuResult> hit = cache->lookup(job))
      return std::move(*hit);
  const auto started = std::chrono::system_clock::now();
  TuResult result = runTidy(job, settings, /*listDependencies=*/cache != nullptr);
  if (cache) {
    cache->store(job, result, started);
    cache->recordCost(job, result.seconds);
  }
  return result;
}

bool writeOutput(const std::string &path, const std::string &text) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return true;
  }
  const std::string error = writeFileAtomically(path, text);
  if (!error.empty())
    fmt::print(stderr, "parlint: error: {}\n", error);
  return error.empty();
}

std::string formatReport(Format format, const ReportInput &input, bool color) {
  switch (format) {
  case Format::Json:
    return jsonReport(input);
  case Format::Sarif:
    return sarifReport(input);
  case Format::Github:
    return githubReport(input);
  case Format::Text:
    break;
  }
  return textReport(input, color);
}

// --fix / --fix-dry-run: merges the fix-its, reports conflicts, then writes
// the files (or prints the patch). Returns false when output failed.
bool handleFixes(const Options &options, const ReportInput &input, const std::string &report) {
  const FixPlan plan = planFixes(input.findings);
  for (const auto &c : plan.conflicts) {
    const Position p = input.sources.position(c.file, c.offset);
    fmt::print(stderr, "{}:{}:{}: fix-it conflict: {} and {} edit the same code; neither applied\n",
               displayPath(c.file), p.line, p.column, c.firstCheck, c.secondCheck);
  }
  bool ok = true;
  if (options.fixDryRun) {
    // stdout is the patch; the report goes to -o only.
    ok = writeOutput("", unifiedDiff(plan, input.sources, input.sourceRoot));
    if (!options.outputFile.empty())
      ok &= writeOutput(options.outputFile, report);
  } else {
    for (const auto &error : writeFixedFiles(plan, input.sources))
      fmt::print(stderr, "parlint: error: {}\n", error);
    ok = writeOutput(options.outputFile, report);
  }
  if (!options.quiet)
    fmt::print(stderr, "parlint: {} fix-its {} to {} files, {} in conflict, {} duplicate edits dropped\n",
               plan.groupsApplied, options.fixDryRun ? "would apply" : "applied",
               plan.editsByFile.size(), plan.groupsInConflict, plan.identicalDropped);
  return ok;
}

int exitStatus(const Options &options, const std::vector<Failure> &failures,
               const std::vector<Finding> &findings) {
  if (options.failOnFailures && !failures.empty())
    return kExitFailures;
  if (options.failOnFindings)
    for (const auto &f : findings)
      if (!f.diag.isCompileError() && (!options.failOnErrorsOnly || f.diag.level == Level::Error))
        return kExitFindings;
  return 0;
}

} // namespace

int runAnalysis(const Options &options, const char *argv0) {
  const auto start = std::chrono::steady_clock::now();
  const ToolPaths paths = resolveToolPaths(options, argv0);
  if (!paths.error.empty())
    return usageError(paths.error);
  const std::string sourceRoot =
      realPath(options.sourceRoot.empty() ? currentDirectory() : options.sourceRoot);
  const std::string buildDir = findBuildDir(options.buildDir);

  CompileJobs loaded = options.fixedDatabase
                          ? fixedCompileJobs(options.selectors, options.compilerFlags)
                          : loadCompileJobs(buildDir, options.selectors);
  if (!loaded.error.empty())
    return usageError(loaded.error);
  for (const auto &missing : loaded.missingSources)
    fmt::print(stderr,
               "parlint: warning: {}: in the compilation database but does not exist (generated "
               "by the build?); skipped\n",
               displayPath(missing));

  const TidySettings settings = tidySettings(options, paths);
  size_t turnedOff = 0;
  const std::vector<CompileJob> selected = jobsWithChecks(loaded.jobs, *settings.checks, turnedOff);
  const std::vector<CompileJob> jobs =
      selectShard(selected, options.shardIndex, options.shardCount, sourceRoot);
  const ProcessResult preflight =
      listEnabledChecks(settings, jobs.empty() ? "" : jobs.front().file);
  if (!preflight.succeeded())
    return usageError("clang-tidy rejects the configuration:\n" + lastLines(preflight.output, 20));

  std::unique_ptr<ResultCache> cache;
  if (!options.noCache)
    cache = std::make_unique<ResultCache>(CacheSettings{
        options.cacheDir.empty() ? defaultCacheDirectory() : options.cacheDir, sourceRoot, settings});

  // Analyse on parlint's own pool: each task is one worker process.
  const unsigned threads = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  Progress progress(jobs.size(), options.progress.value_or(isatty(STDERR_FILENO) != 0));
  std::vector<TuResult> results(jobs.size());
  {
    parlint::ThreadPool pool(threads);
    std::vector<std::future<void>> pending;
    for (size_t index : scheduleOrder(jobs, cache.get()))
      pending.push_back(pool.submit([&, index] {
        results[index] = analyseOne(jobs[index], settings, cache.get());
        progress.finished(jobs[index].file);
      }));
    for (auto &p : pending)
      p.get();
  }
  progress.clear();

  // Everything below depends on the job order only: the output is the same
  // whatever finished first.
  std::vector<Diagnostic> all;
  std::vector<Failure> failures;
  size_t fromCache = 0;
  for (size_t i = 0; i < jobs.size(); ++i) {
    fromCache += results[i].fromCache;
    if (results[i].failed())
      failures.push_back({jobs[i].file, results[i].status, results[i].command, results[i].detail});
    for (auto &d : results[i].diagnostics) {
      // Like clang-tidy --fix: no fix-its from a TU that did not compile.
      if (results[i].failed())
        d.main.fix.clear();
      // A diagnostic without a location (e.g. about the command line) is
      // reported at its translation unit: code scanning needs a location.
      if (!d.main.hasLocation())
        d.main.file = jobs[i].file;
      all.push_back(std::move(d));
    }
  }
  SourceFiles sources;
  std::vector<Finding> findings = fingerprintFindings(uniqueDiagnostics(std::move(all)), sources, sourceRoot);

  size_t suppressed = 0;
  if (!options.writeBaseline.empty()) {
    const std::string error = writeBaseline(options.writeBaseline, findings);
    if (!error.empty())
      return usageError(error);
  }
  if (!options.baseline.empty()) {
    const std::string error = applyBaseline(options.baseline, findings, suppressed);
    if (!error.empty())
      return usageError(error);
  }

  const std::string docsBaseUrl = options.docsBaseUrl.empty()
                                      ? std::string(PARLINT_HOMEPAGE) + "/blob/main/docs/checks/"
                                      : options.docsBaseUrl;
  ReportInput input{findings, failures, sources, sourceRoot, docsBaseUrl};
  const bool color = options.outputFile.empty() && colorWanted(options.color, STDOUT_FILENO);

  const std::string report = formatReport(options.format, input, color);
  const bool outputOk = options.fix || options.fixDryRun ? handleFixes(options, input, report)
                                                         : writeOutput(options.outputFile, report);
  fmt::print(stderr, "{}", textFailures(input, colorWanted(options.color, STDERR_FILENO)));
  if (!options.quiet) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::string extra;
    if (loaded.duplicatesDropped)
      extra += fmt::format(", {} duplicate entries skipped", loaded.duplicatesDropped);
    if (loaded.otherLanguages)
      extra += fmt::format(", {} not C or C++ skipped", loaded.otherLanguages);
    if (!loaded.missingSources.empty())
      extra += fmt::format(", {} missing sources skipped", loaded.missingSources.size());
    if (turnedOff)
      extra += fmt::format(", {} with parlint's checks turned off", turnedOff);
    if (cache)
      extra += fmt::format(", {} from cache", fromCache);
    if (options.shardCount > 1)
      extra += fmt::format(", shard {}/{} of {}", options.shardIndex, options.shardCount, selected.size());
    if (suppressed)
      extra += fmt::format(", {} baseline findings not shown", suppressed);
    fmt::print(stderr, "parlint: {} findings, {} translation units{}, {} failed, {:.1f} s with -j{}\n",
               findings.size(), jobs.size(), extra, failures.size(), seconds, threads);
  }

  return outputOk ? exitStatus(options, failures, findings) : kExitUsage;
}

int listChecks(const Options &options, const char *argv0) {
  const ToolPaths paths = resolveToolPaths(options, argv0);
  if (!paths.error.empty())
    return usageError(paths.error);
  const ProcessResult run = listEnabledChecks(tidySettings(options, paths), "");
  if (!run.succeeded())
    return usageError("clang-tidy rejects the configuration:\n" + lastLines(run.output, 20));
  // clang-tidy prints "Enabled checks:" then one indented name per line.
  std::string out;
  size_t start = 0;
  while (start < run.output.size()) {
    size_t end = run.output.find('\n', start);
    if (end == std::string::npos)
      end = run.output.size();
    std::string line = run.output.substr(start, end - start);
    start = end + 1;
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line.find(':') != std::string::npos)
      continue;
    const std::string name = line.substr(first);
    const CheckInfo info = describeCheck(name, "");
    out += name.rfind("parlint-", 0) == 0 ? fmt::format("{:<32} {}\n", name, info.shortDescription)
                                          : name + "\n";
  }
  fmt::print("{}", out);
  return 0;
}

int printVersion(const Options &options, const char *argv0) {
  const ToolPaths paths = resolveToolPaths(options, argv0);
  ProcessRequest request;
  request.argv = {paths.clangTidy, "--version"};
  request.stdoutOnly = true;
  const ProcessResult run = runProcess(request);
  std::string tidyVersion = "not found";
  if (run.succeeded()) {
    const auto pos = run.output.find("version ");
    tidyVersion = pos == std::string::npos ? "unknown"
                                           : run.output.substr(pos + 8, run.output.find('\n', pos) - pos - 8);
  }
  fmt::print("parlint {}\nclang-tidy: {} ({})\nmodule: {}\nworker: {}\n", PARLINT_VERSION,
             paths.clangTidy, tidyVersion, paths.error.empty() ? paths.module : "not found",
             paths.worker.empty() ? "none (clang-tidy runs directly)" : paths.worker);
  return 0;
}

} // namespace parlint::tool
