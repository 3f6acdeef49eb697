#include "tidy_run.h"

#include "cache.h"
#include "export_fixes.h"
#include "paths.h"
#include "process.h"
#include "temp_dir.h"

#include <llvm/Support/JSON.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <fstream>

namespace parlint::tool {

const char *tuStatusText(TuStatus status) {
  switch (status) {
  case TuStatus::Ok:
    return "ok";
  case TuStatus::CompileError:
    return "does not compile";
  case TuStatus::Crashed:
    return "clang-tidy crashed";
  case TuStatus::TimedOut:
    return "timed out";
  case TuStatus::ToolFailed:
    return "clang-tidy failed";
  }
  return "failed";
}

std::vector<std::string> commonTidyArguments(const TidySettings &settings,
                                             const std::string &directory) {
  std::vector<std::string> argv = {settings.clangTidy, "--load=" + settings.module};
  if (settings.checks)
    if (std::string checks = settings.checks->forDirectory(directory).checks; !checks.empty())
      argv.push_back("--checks=" + checks);
  argv.insert(argv.end(), settings.passThrough.begin(), settings.passThrough.end());
  return argv;
}

namespace {

// A compilation database with just this entry, so clang-tidy runs exactly
// this command even when the project's database lists the file several times.
void writeSingleEntryDatabase(const std::string &dir, const CompileJob &job) {
  llvm::json::Array args;
  for (const auto &a : job.arguments)
    args.push_back(a);
  llvm::json::Array db{llvm::json::Object{
      {"directory", job.directory}, {"file", job.file}, {"arguments", std::move(args)}}};
  std::error_code ec;
  llvm::raw_fd_ostream out(dir + "/compile_commands.json", ec);
  out << llvm::json::Value(std::move(db));
}

bool looksCrashed(const ProcessResult &run) {
  return run.signal != 0 || run.output.find("PLEASE submit a bug report") != std::string::npos ||
         run.output.find("Stack dump:") != std::string::npos;
}

} // namespace

TuResult runTidy(const CompileJob &job, const TidySettings &settings, bool listDependencies) {
  TuResult result;
  TempDir dir("tu");
  writeSingleEntryDatabase(dir.path(), job);
  const std::string fixesPath = dir.path() + "/fixes.yaml";

  const std::string directory(llvm::sys::path::parent_path(job.file));
  std::vector<std::string> argv = commonTidyArguments(settings, directory);
  if (!settings.worker.empty()) {
    argv[0] = settings.worker;
    argv.insert(argv.begin() + 1, "--clang-tidy=" + settings.clangTidy);
  }
  const std::string dependencyPath = dir.path() + "/deps.d";
  if (listDependencies) {
    // clang-tidy strips -MD/-MF from commands; cc1 options behind -Xclang=
    // pass. They only add the dependency file: the analysis is unchanged.
    const std::string dependencyArgs[] = {"-dependency-file", dependencyPath, "-sys-header-deps",
                                          "-MTparlint-dependencies"};
    for (const std::string &arg : dependencyArgs)
      argv.push_back("--extra-arg=-Xclang=" + arg);
  }
  argv.push_back("--quiet");
  argv.push_back("--export-fixes=" + fixesPath);
  argv.push_back("-p=" + dir.path());
  argv.push_back(job.file);
  // Shown to the user to reproduce: the same run with the entry's flags
  // after "--" instead of the one-entry database.
  std::vector<std::string> shown = commonTidyArguments(settings, directory);
  shown.push_back(job.file);
  shown.push_back("--");
  for (const auto &flag : flagsWithoutInputOutput(job.arguments, job.file, job.directory))
    shown.push_back(flag);
  result.command = shellCommand(shown, job.directory);

  ProcessRequest request;
  request.argv = argv;
  request.workingDirectory = job.directory;
  request.timeoutSeconds = settings.timeoutSeconds;
  const ProcessResult run = runProcess(request);
  result.seconds = run.seconds;

  if (!run.started) {
    result.status = TuStatus::ToolFailed;
    result.detail = run.output;
    return result;
  }
  if (run.timedOut) {
    result.status = TuStatus::TimedOut;
    result.detail = lastLines(run.output, 10);
    return result;
  }
  if (looksCrashed(run)) {
    result.status = TuStatus::Crashed;
    result.detail = lastLines(run.output, 20);
    return result;
  }

  bool haveFixes = false;
  const std::string yaml = readWholeFile(fixesPath, &haveFixes);
  if (haveFixes) {
    std::string error;
    if (!parseExportedFixes(yaml, result.diagnostics, error)) {
      result.status = TuStatus::ToolFailed;
      result.detail = error;
      return result;
    }
  }
  bool compileError = false;
  for (const auto &d : result.diagnostics)
    compileError |= d.isCompileError();
  if (compileError) {
    result.status = TuStatus::CompileError;
    result.detail = lastLines(run.output, 20);
  } else if (run.exitCode != 0 && !haveFixes) {
    // Non-zero without diagnostics: a configuration or command-line problem.
    // (With --warnings-as-errors clang-tidy exits 1 and exports the findings.)
    result.status = TuStatus::ToolFailed;
    result.detail = lastLines(run.output, 20);
  }
  if (listDependencies && result.status == TuStatus::Ok)
    result.dependencies = parseDependencyFile(readWholeFile(dependencyPath));
  return result;
}

} // namespace parlint::tool
