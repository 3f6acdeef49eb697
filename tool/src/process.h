// Runs a child process the way the tool needs for crash isolation: in its own
// process group (a timeout kills the child and everything it started), stdin
// from /dev/null, stdout and stderr to files (a chatty child never blocks on
// a full pipe).
#pragma once

#include <string>
#include <vector>

namespace parlint::tool {

struct ProcessResult {
  bool started = false;  // false: could not be started (see `output`)
  int exitCode = -1;     // when it exited
  int signal = 0;        // the signal that ended it, when one did
  bool timedOut = false; // killed by us after the timeout
  double seconds = 0;    // wall time
  std::string output;    // stdout (and stderr, unless `stdoutOnly` or `separateStderr`)
  std::string errors;    // stderr, with `separateStderr`

  bool succeeded() const { return started && !timedOut && signal == 0 && exitCode == 0; }
};

struct ProcessRequest {
  std::vector<std::string> argv; // argv[0] is looked up in PATH
  std::string workingDirectory;  // empty: inherit
  double timeoutSeconds = 0;     // 0: none
  bool stdoutOnly = false;       // keep stderr out of `output` (it is discarded)
  bool separateStderr = false;   // keep stderr in `errors`
};

ProcessResult runProcess(const ProcessRequest &request);

// The last `lines` lines of `text` (for failure reports).
std::string lastLines(const std::string &text, int lines);

// A shell-quoted command line, for showing the user what to re-run.
std::string shellCommand(const std::vector<std::string> &argv, const std::string &directory = "");

} // namespace parlint::tool
