// parlint-worker: what parlint's driver runs for each translation unit.
// It analyses in-process when only parlint's checks are enabled (the common
// CI set-up), skipping the bodies of system-header functions, and otherwise
// becomes clang-tidy-19 --load libparlint-tidy.so with the same arguments.
#include "in_process_run.h"
#include "worker_args.h"

#include <llvm/Config/llvm-config.h>
#include <llvm/Support/InitLLVM.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace {

// Replaces this process with clang-tidy; returns only when that fails.
int execClangTidy(const parlint::worker::WorkerArgs &args) {
  std::vector<std::string> argv = {args.clangTidy};
  if (!args.module.empty())
    argv.push_back("--load=" + args.module);
  argv.insert(argv.end(), args.tidyArgs.begin(), args.tidyArgs.end());
  std::vector<char *> pointers;
  for (std::string &arg : argv)
    pointers.push_back(arg.data());
  pointers.push_back(nullptr);
  llvm::outs().flush();
  execvp(pointers[0], pointers.data());
  llvm::errs() << "parlint-worker: cannot run " << args.clangTidy << ": " << std::strerror(errno)
               << '\n';
  return 127;
}

} // namespace

int main(int argc, char **argv) {
  const std::vector<std::string> arguments(argv, argv + argc);
  const parlint::worker::WorkerArgs args = parlint::worker::parseWorkerArgs(arguments);
  if (args.version) {
    llvm::outs() << "parlint-worker " << PARLINT_VERSION << " (clang-tidy " LLVM_VERSION_STRING
                 << " in-process; otherwise " << args.clangTidy << ")\n";
    return 0;
  }
  if (args.clangTidy.empty()) {
    llvm::errs() << "usage: parlint-worker --clang-tidy=PATH [--load=MODULE] "
                    "<clang-tidy arguments> (run by parlint, not by hand)\n";
    return 3;
  }
  auto handOver = [&args] {
    if (!args.inProcessOnly)
      return execClangTidy(args);
    llvm::errs() << "parlint-worker: this run needs clang-tidy itself (--in-process-only)\n";
    return 4;
  };
  if (!args.understood || !args.quiet)
    return handOver();

  llvm::InitLLVM init(argc, argv);
  // As clang-tidy does: inline assembly in the analysed code is parsed.
  llvm::InitializeAllTargetInfos();
  llvm::InitializeAllTargetMCs();
  llvm::InitializeAllAsmParsers();
  if (const std::optional<int> status = parlint::worker::runInProcess(args))
    return *status;
  return handOver();
}
