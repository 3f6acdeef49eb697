#include "tidy_runner.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace parlint::testing {

bool CommandResult::crashed() const {
  return signal != 0 || output.find("PLEASE submit a bug report") != std::string::npos ||
         output.find("Stack dump:") != std::string::npos;
}

CommandResult runCommand(const std::vector<std::string> &argv) {
  // Output goes to a temporary file rather than a pipe so a chatty child can
  // never block on a full pipe while we wait for it.
  TempDir dir;
  const std::string outPath = dir.path() + "/output";
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, outPath.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);

  std::vector<char *> args;
  for (const auto &a : argv)
    args.push_back(const_cast<char *>(a.c_str()));
  args.push_back(nullptr);

  pid_t pid = 0;
  const int err = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (err != 0)
    throw std::runtime_error("cannot start " + argv[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  CommandResult result;
  if (WIFEXITED(status))
    result.exitCode = WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    result.signal = WTERMSIG(status);
  result.output = readFile(outPath);
  return result;
}

std::vector<std::string> compilerArgs(const InputSpec &spec) {
  std::vector<std::string> args;
  // C++ inputs are left to the driver (it picks C++ from .cpp); C is said
  // explicitly so a C input is never parsed as anything else.
  if (spec.language == "c")
    args = {"-x", "c"};
  args.push_back("-std=" + spec.standard);
  args.push_back("-pthread");
  // The runtime's headers, for the fix-its that rewrite onto it; as system
  // headers, so parlint stays silent about their code.
  if (std::string(PARLINT_RUNTIME_INCLUDE) != "") {
    args.push_back("-isystem");
    args.push_back(PARLINT_RUNTIME_INCLUDE);
  }
  args.insert(args.end(), spec.extraArgs.begin(), spec.extraArgs.end());
  return args;
}

CommandResult runTidy(const std::string &file, const InputSpec &spec, bool fix) {
  std::vector<std::string> argv = {PARLINT_CLANG_TIDY,
                                   std::string("--load=") + PARLINT_TIDY_MODULE,
                                   "--checks=-*," + spec.checks,
                                   "--config=" + spec.config, "--quiet"};
  if (fix)
    argv.push_back("--fix");
  argv.push_back(file);
  argv.push_back("--");
  for (auto &a : compilerArgs(spec))
    argv.push_back(a);
  return runCommand(argv);
}

CommandResult compileOnly(const std::string &file, const InputSpec &spec) {
  std::vector<std::string> argv = {spec.language == "c" ? PARLINT_CLANG : PARLINT_CLANGXX,
                                   "-fsyntax-only"};
  for (auto &a : compilerArgs(spec))
    argv.push_back(a);
  argv.push_back(file);
  return runCommand(argv);
}

CommandResult buildProgram(const std::string &file, const InputSpec &spec,
                           const std::string &output, bool withRuntime) {
  std::vector<std::string> argv = {spec.language == "c" ? PARLINT_CLANG : PARLINT_CLANGXX};
  for (auto &a : compilerArgs(spec))
    argv.push_back(a);
  argv.push_back(file);
  if (withRuntime) {
    argv.push_back(PARLINT_RUNTIME_LIBRARY);
    argv.push_back("-lrt");
  }
  argv.push_back("-o");
  argv.push_back(output);
  return runCommand(argv);
}

bool runtimeLibraryAvailable() {
  return std::string(PARLINT_RUNTIME_LIBRARY) != "" &&
         std::filesystem::exists(PARLINT_RUNTIME_LIBRARY);
}

CommandResult runProgram(const std::string &program, int seconds) {
  if (std::string(PARLINT_TIMEOUT) == "")
    return runCommand({program});
  return runCommand({PARLINT_TIMEOUT, std::to_string(seconds), program});
}

std::string readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void writeFile(const std::string &path, const std::string &text) {
  std::ofstream(path, std::ios::binary) << text;
}

TempDir::TempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "parlint-test-XXXXXX").string();
  if (!mkdtemp(pattern.data()))
    throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

} // namespace parlint::testing
