#include "in_process_run.h"

#include "check_scope.h"
#include "skip_system_bodies.h"
#include "tidy_options.h"

#include <clang-tidy/ClangTidy.h>
#include <clang-tidy/ClangTidyDiagnosticConsumer.h>
#include <clang-tidy/ClangTidyModule.h>
#include <clang-tidy/ClangTidyOptions.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/DiagnosticOptions.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CommonOptionsParser.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/VirtualFileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <algorithm>

namespace parlint::worker {

namespace ct = clang::tidy;
namespace tooling = clang::tooling;

namespace {

// The options given on the command line, which override every file's.
ct::ClangTidyOptions overrideOptions(const WorkerArgs &args) {
  ct::ClangTidyOptions options;
  options.Checks = args.checks;
  options.WarningsAsErrors = args.warningsAsErrors;
  options.HeaderFilterRegex = args.headerFilter;
  options.ExcludeHeaderFilterRegex = args.excludeHeaderFilter;
  if (args.systemHeaders)
    options.SystemHeaders = true;
  return options;
}

// The database in -p (or a parent directory, where clang-tidy looks too),
// with --extra-arg-before/--extra-arg applied to every command, as
// clang-tidy's option parser does.
std::unique_ptr<tooling::CompilationDatabase> compilations(const WorkerArgs &args) {
  std::string error;
  std::unique_ptr<tooling::CompilationDatabase> base =
      tooling::CompilationDatabase::autoDetectFromDirectory(args.buildPath, error);
  if (!base)
    return nullptr;
  auto adjusted = std::make_unique<tooling::ArgumentsAdjustingCompilations>(std::move(base));
  adjusted->appendArgumentsAdjuster(tooling::combineAdjusters(
      tooling::getInsertArgumentAdjuster(args.extraArgsBefore, tooling::ArgumentInsertPosition::BEGIN),
      tooling::getInsertArgumentAdjuster(args.extraArgs, tooling::ArgumentInsertPosition::END)));
  return adjusted;
}

// ExtraArgs/ExtraArgsBefore of the file's own configuration.
tooling::ArgumentsAdjuster configuredExtraArgs(ct::ClangTidyContext &context) {
  return [&context](const tooling::CommandLineArguments &args, llvm::StringRef file) {
    const ct::ClangTidyOptions options = context.getOptionsForFile(file);
    tooling::CommandLineArguments result = args;
    if (options.ExtraArgsBefore) {
      auto at = result.begin();
      if (at != result.end() && !llvm::StringRef(*at).starts_with("-"))
        ++at; // after the compiler's name
      result.insert(at, options.ExtraArgsBefore->begin(), options.ExtraArgsBefore->end());
    }
    if (options.ExtraArgs)
      result.insert(result.end(), options.ExtraArgs->begin(), options.ExtraArgs->end());
    return result;
  };
}

bool exportFixes(const std::string &path, const std::string &file,
                 const std::vector<ct::ClangTidyError> &errors) {
  std::error_code ec;
  llvm::raw_fd_ostream out(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    llvm::errs() << "Error opening output file: " << ec.message() << '\n';
    return false;
  }
  ct::exportReplacements(file, errors, out);
  return true;
}

} // namespace

std::optional<int> runInProcess(const WorkerArgs &args) {
  ct::ClangTidyGlobalOptions global;
  if (args.lineFilter && ct::parseLineFilter(*args.lineFilter, global))
    return std::nullopt;
  llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> fs(
      new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
  std::unique_ptr<ct::ClangTidyOptionsProvider> provider =
      tidyoptions::makeProvider(args.config, args.configFile, global, overrideOptions(args), fs);
  if (!provider)
    return std::nullopt;

  llvm::SmallString<256> file(args.files.front());
  llvm::sys::fs::make_absolute(file);
  const ct::ClangTidyOptions effective = provider->getOptions(file);
  if (!effective.Checks || !enablesOnlyParlintChecks(*effective.Checks) ||
      ct::getCheckNames(effective, false).empty())
    return std::nullopt;
  std::unique_ptr<tooling::CompilationDatabase> database = compilations(args);
  if (!database)
    return std::nullopt;
  const bool skipSystemBodies = !effective.SystemHeaders.value_or(false);

  ct::ClangTidyContext context(std::move(provider));
  tooling::ClangTool tool(*database, {std::string(file)},
                          std::make_shared<clang::PCHContainerOperations>(), fs);
  tool.appendArgumentsAdjuster(configuredExtraArgs(context));
  tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  ct::ClangTidyDiagnosticConsumer diagnostics(context);
  clang::DiagnosticsEngine engine(new clang::DiagnosticIDs(), new clang::DiagnosticOptions(),
                                  &diagnostics, /*ShouldOwnClient=*/false);
  context.setDiagnosticsEngine(&engine);
  tool.setDiagnosticConsumer(&diagnostics);
  ct::ClangTidyASTConsumerFactory consumers(context, fs);
  TidyActionFactory actions(consumers, skipSystemBodies);
  tool.run(&actions);

  const std::vector<ct::ClangTidyError> errors = diagnostics.take();
  const bool compileErrors = std::any_of(errors.begin(), errors.end(), [](const auto &error) {
    return error.DiagLevel == ct::ClangTidyError::Error;
  });
  unsigned warningsAsErrors = 0;
  ct::handleErrors(errors, context, ct::FixBehaviour::FB_NoFix, warningsAsErrors, fs);
  if (!args.exportFixes.empty() && (!errors.empty() || compileErrors) &&
      !exportFixes(args.exportFixes, std::string(file), errors))
    return 1;
  if (warningsAsErrors != 0 || compileErrors)
    return 1;
  return 0;
}

} // namespace parlint::worker
