#include "process.h"

#include "paths.h"
#include "temp_dir.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace parlint::tool {

namespace {

// posix_spawn has no portable "chdir" action before glibc 2.29's
// posix_spawn_file_actions_addchdir_np; Debian 12 has 2.36.
bool addChdir(posix_spawn_file_actions_t *actions, const std::string &dir) {
  return dir.empty() || posix_spawn_file_actions_addchdir_np(actions, dir.c_str()) == 0;
}

} // namespace

ProcessResult runProcess(const ProcessRequest &request) {
  ProcessResult result;
  TempDir dir("proc");
  const std::string outPath = dir.path() + "/out";
  const std::string errPath = dir.path() + "/err";

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (request.separateStderr)
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, errPath.c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0600);
  else if (request.stdoutOnly)
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  else
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  addChdir(&actions, request.workingDirectory);

  // A new process group, so a timeout can kill grandchildren too.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);

  std::vector<char *> args;
  for (const auto &a : request.argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int err = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (err != 0) {
    result.output = "cannot start " + request.argv[0] + ": " + strerror(err);
    return result;
  }
  result.started = true;

  // Poll with a growing sleep: at a TU's granularity (tens of ms and more) a
  // few wake-ups cost nothing, and no SIGCHLD handling is shared with the pool.
  int status = 0;
  auto pause = std::chrono::microseconds(200);
  for (;;) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno != EINTR))
      break;
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (request.timeoutSeconds > 0 && elapsed > request.timeoutSeconds && !result.timedOut) {
      result.timedOut = true;
      kill(-pid, SIGKILL);
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(5000));
  }
  if (result.timedOut)
    kill(-pid, SIGKILL); // stragglers in the group
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (WIFEXITED(status))
    result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  result.output = readWholeFile(outPath);
  if (request.separateStderr)
    result.errors = readWholeFile(errPath);
  return result;
}

std::string lastLines(const std::string &text, int lines) {
  size_t pos = text.size();
  if (pos > 0 && text[pos - 1] == '\n')
    --pos;
  for (int i = 0; i < lines && pos != std::string::npos && pos > 0; ++i)
    pos = text.rfind('\n', pos - 1);
  return pos == std::string::npos || pos == 0 ? text : text.substr(pos + 1);
}

std::string shellCommand(const std::vector<std::string> &argv, const std::string &directory) {
  auto quote = [](const std::string &word) {
    if (!word.empty() && word.find_first_of(" \t\n'\"\\$`*?[]{}()<>|&;#~") == std::string::npos)
      return word;
    std::string quoted = "'";
    for (char c : word)
      quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
  };
  std::string command = directory.empty() ? "" : "cd " + quote(directory) + " && ";
  for (size_t i = 0; i < argv.size(); ++i)
    command += (i ? " " : "") + quote(argv[i]);
  return command;
}

} // namespace parlint::tool
