#include "worker_args.h"

#include <map>

namespace parlint::worker {

namespace {

bool startsWith(const std::string &text, const std::string &prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

WorkerArgs parseWorkerArgs(const std::vector<std::string> &argv) {
  WorkerArgs args;
  // clang-tidy accepts -name and --name alike; the driver writes --name=value.
  const std::map<std::string, std::optional<std::string> WorkerArgs::*> single = {
      {"checks", &WorkerArgs::checks},
      {"config", &WorkerArgs::config},
      {"config-file", &WorkerArgs::configFile},
      {"header-filter", &WorkerArgs::headerFilter},
      {"exclude-header-filter", &WorkerArgs::excludeHeaderFilter},
      {"warnings-as-errors", &WorkerArgs::warningsAsErrors},
      {"line-filter", &WorkerArgs::lineFilter},
  };
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string &arg = argv[i];
    if (startsWith(arg, "--clang-tidy=")) {
      args.clangTidy = arg.substr(13);
      continue;
    }
    if (startsWith(arg, "--load=")) {
      args.module = arg.substr(7);
      continue;
    }
    if (arg == "--in-process-only") {
      args.inProcessOnly = true;
      continue;
    }
    args.tidyArgs.push_back(arg);
    if (arg.empty() || arg[0] != '-') {
      args.files.push_back(arg);
      continue;
    }
    const std::string body = arg.substr(arg.find_first_not_of('-'));
    const auto eq = body.find('=');
    const std::string name = body.substr(0, eq);
    if (eq == std::string::npos) {
      if (name == "quiet")
        args.quiet = true;
      else if (name == "system-headers")
        args.systemHeaders = true;
      else if (name == "version")
        args.version = true;
      else
        args.understood = false;
      continue;
    }
    const std::string value = body.substr(eq + 1);
    if (auto it = single.find(name); it != single.end())
      args.*(it->second) = value;
    else if (name == "extra-arg")
      args.extraArgs.push_back(value);
    else if (name == "extra-arg-before")
      args.extraArgsBefore.push_back(value);
    else if (name == "export-fixes")
      args.exportFixes = value;
    else if (name == "p")
      args.buildPath = value;
    else
      args.understood = false;
  }
  // One file per run, from a compilation database, is what the driver asks.
  if (args.files.size() != 1 || args.buildPath.empty() || args.clangTidy.empty())
    args.understood = false;
  return args;
}

} // namespace parlint::worker
