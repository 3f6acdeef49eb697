// Runs the real clang-tidy-19 (with parlint's module loaded) and clang++-19 on
// files, the way a user's CI would.
#ifndef PARLINT_TESTS_TIDY_RUNNER_H
#define PARLINT_TESTS_TIDY_RUNNER_H

#include "expectations.h"

#include <string>
#include <vector>

namespace parlint::testing {

struct CommandResult {
  int exitCode = -1;   // the process's exit status, when it exited
  int signal = 0;      // the signal that killed it, when one did
  std::string output;  // stdout and stderr, interleaved
  bool crashed() const;
};

CommandResult runCommand(const std::vector<std::string> &argv);

// The compiler arguments an input runs with (language, standard, -pthread,
// the runtime's headers, the spec's extra arguments), without the driver.
std::vector<std::string> compilerArgs(const InputSpec &spec);

// clang-tidy-19 --load=<module> on `file` with the spec's checks, config and
// compiler arguments (-x c for C inputs); `fix` adds --fix (edits the file in
// place).
CommandResult runTidy(const std::string &file, const InputSpec &spec, bool fix);

// clang++-19 (clang-19 -x c for C inputs) -fsyntax-only with the spec's
// standard and arguments.
CommandResult compileOnly(const std::string &file, const InputSpec &spec);

// Compiles and links `file` into the program `output` with the spec's
// standard and arguments, against the parlint runtime library when
// `withRuntime` (see runtimeLibraryAvailable).
CommandResult buildProgram(const std::string &file, const InputSpec &spec,
                           const std::string &output, bool withRuntime);

// Whether this build has the runtime library the fixed programs link with.
bool runtimeLibraryAvailable();

// Runs a built program (stdin from /dev/null), killed after `seconds`.
CommandResult runProgram(const std::string &program, int seconds = 60);

std::string readFile(const std::string &path);
void writeFile(const std::string &path, const std::string &text);

// A fresh directory under the system temp dir, removed by the destructor.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;
  const std::string &path() const { return path_; }

private:
  std::string path_;
};

} // namespace parlint::testing

#endif
