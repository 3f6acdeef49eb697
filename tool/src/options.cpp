#include "options.h"

#include <fmt/format.h>

#include <cstdlib>
#include <functional>
#include <map>

namespace parlint::tool {

std::string usageText() {
  return R"(NAME
    parlint - find concurrency misuse in C and C++ with parlint's checks,
              over a whole project or a few files

SYNOPSIS
    parlint [options] [-p BUILD_DIR] [PATH | GLOB ...]
    parlint [options] FILE... -- COMPILER-FLAGS
    parlint merge SHARD.sarif ... > ALL.sarif
    parlint --list-checks | --version | --help

DESCRIPTION
    Reads BUILD_DIR/compile_commands.json, keeps the entries matching the
    PATHs (files or directories) and GLOBs (all entries when none are given),
    runs each translation unit once per distinct flag set through clang-tidy-19
    with parlint's module, in parallel worker processes, and reports every
    finding once, sorted by file and line.

    With `FILE... -- COMPILER-FLAGS`, as with clang-tidy, there is no
    compilation database: each FILE is compiled with COMPILER-FLAGS (e.g.
    parlint src/main.cpp -- -std=c++17 -Iinclude), and -p is not needed.

    Entries that are not C or C++ (assembly, other languages) are skipped,
    and a source that does not exist (a generated file not built yet) is
    named on one line and skipped; the summary counts both.

    clang-tidy's semantics are kept: .clang-tidy files are looked up
    (InheritParentConfig included), CheckOptions apply, the header filter
    applies, NOLINT, NOLINTNEXTLINE and NOLINTBEGIN/NOLINTEND suppress.

    CHECKS: parlint runs parlint's checks, whatever else the .clang-tidy
    files enable. Where a .clang-tidy names parlint's checks (parlint-x,
    -parlint-y), it decides which of them run, as in clang-tidy. --checks
    adds checks to that (or removes them); --project-checks runs the checks
    the project's .clang-tidy enables as well.

    A translation unit that crashes the analysis or exceeds --timeout is
    reported with the command that reproduces it, and the run goes on.

OPTIONS
    -p, --build-dir DIR    Directory holding compile_commands.json (or the
                           file itself). Default: ., then ./build.
    -- COMPILER-FLAGS      Last: the flags for the FILEs given before it.
    -j, --jobs N           Parallel clang-tidy processes. Default: the number
                           of cores. Known slow translation units go first.
    --timeout SECONDS      Per translation unit (default 300; 0: none).

  Checks
    --checks GLOBS         Added after parlint's checks, e.g. 'bugprone-*'
                           (another check), '-parlint-unjoined-thread' (one
                           off), '-*,bugprone-*' (that check alone).
    --project-checks       Also run the checks the project's .clang-tidy
                           enables, as clang-tidy would (parlint's checks
                           added where it never names them). With --checks,
                           the GLOBS are appended to the project's checks,
                           exactly as clang-tidy does.
    --list-checks          Print the checks enabled with these options.

  Passed to clang-tidy unchanged
    --config YAML          --config-file FILE
    --header-filter REGEX  --exclude-header-filter REGEX   --system-headers
    --warnings-as-errors GLOBS
    --extra-arg ARG        --extra-arg-before ARG
    --line-filter JSON

  Output
    --format FORMAT        text (default), json, sarif or github.
    -o, --output FILE      Write the report to FILE instead of stdout.
    --source-root DIR      Paths in reports are relative to DIR; the SARIF
                           %SRCROOT%. Default: the current directory.
    --color WHEN           auto (default: on a terminal), always, never.
    --progress, --no-progress
                           The progress line on stderr (default: on a
                           terminal only).
    -q, --quiet            No run statistics on stderr.

  Fix-its
    --fix                  Apply every fix-it of every translation unit,
                           merged: identical edits once; edits that overlap
                           differently are reported as conflicts
                           (file:line:col and both checks) and neither is
                           applied. Files are replaced atomically.
    --fix-dry-run          Print the merged fix-its as a unified diff instead.

  Adopting on a large codebase
    --write-baseline FILE  Record the current findings (by fingerprint).
    --baseline FILE        Report and fail only on findings not in FILE.

  Scale
    --shard K/N            Analyse only shard K of N (cost-balanced and
                           deterministic); combine the SARIF files of all
                           shards with `parlint merge`.
    --cache-dir DIR        Result cache (default $XDG_CACHE_HOME/parlint, or
                           ~/.cache/parlint); may be shared between runners.
    --no-cache             Analyse everything; read and write no cache.

  Tools
    --clang-tidy PATH      Default: clang-tidy-19.
    --load MODULE          parlint's module. Default: libparlint-tidy.so in
                           the lib directory next to this program's bin
                           (installed), or the build tree's.
    --docs-url URL         Base of the check pages in SARIF rules.

EXIT STATUS
    0  no findings
    1  findings (with --baseline: new findings)
    2  a translation unit failed: does not compile, crashed, timed out
    3  bad usage or configuration
    --fail-on LIST chooses what fails, a comma-separated list of:
       findings (any finding), errors (only error-level findings, e.g.
       --warnings-as-errors), failures, none. Default: findings,failures.

EXAMPLES
    parlint src/worker.cpp -- -std=c++17 -Iinclude
    parlint -p build
    parlint -p build src/net '*/legacy/*.cpp' --checks='-parlint-hardcoded-worker-count'
    parlint -p build --project-checks
    parlint -p build --format sarif -o parlint.sarif
    parlint -p build --shard 2/4 --format sarif -o shard2.sarif
    parlint merge shard*.sarif > parlint.sarif
    parlint -p build --fix-dry-run | less
)";
}

namespace {

bool parseFormat(const std::string &v, Format &out) {
  static const std::map<std::string, Format> formats = {
      {"text", Format::Text}, {"json", Format::Json}, {"sarif", Format::Sarif}, {"github", Format::Github}};
  auto it = formats.find(v);
  if (it == formats.end())
    return false;
  out = it->second;
  return true;
}

bool parseUnsigned(const std::string &v, unsigned &out) {
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 6)
    return false;
  out = static_cast<unsigned>(std::stoul(v));
  return true;
}

} // namespace

ParsedOptions parseOptions(int argc, char **argv) {
  ParsedOptions parsed;
  Options &o = parsed.options;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "merge") {
    o.mode = Options::Mode::Merge;
    o.selectors.assign(args.begin() + 1, args.end());
    return parsed;
  }

  auto fail = [&](std::string message) {
    if (parsed.error.empty())
      parsed.error = std::move(message);
  };

  // Options taking a value: "--name value", "--name=value" (and -jN, -pDIR).
  using Setter = std::function<void(const std::string &)>;
  const std::map<std::string, Setter> valued = {
      {"-p", [&](auto &v) { o.buildDir = v; }},
      {"--build-dir", [&](auto &v) { o.buildDir = v; }},
      {"-j", [&](auto &v) { if (!parseUnsigned(v, o.jobs) || !o.jobs) fail("-j needs a positive number"); }},
      {"--jobs", [&](auto &v) { if (!parseUnsigned(v, o.jobs) || !o.jobs) fail("--jobs needs a positive number"); }},
      {"--timeout", [&](auto &v) {
         char *end = nullptr;
         o.timeoutSeconds = std::strtod(v.c_str(), &end);
         if (v.empty() || *end || o.timeoutSeconds < 0) fail("--timeout needs seconds");
       }},
      {"--format", [&](auto &v) { if (!parseFormat(v, o.format)) fail("--format must be text, json, sarif or github"); }},
      {"-o", [&](auto &v) { o.outputFile = v; }},
      {"--output", [&](auto &v) { o.outputFile = v; }},
      {"--color", [&](auto &v) {
         if (v == "auto") o.color = ColorMode::Auto;
         else if (v == "always") o.color = ColorMode::Always;
         else if (v == "never") o.color = ColorMode::Never;
         else fail("--color must be auto, always or never");
       }},
      {"--source-root", [&](auto &v) { o.sourceRoot = v; }},
      {"--docs-url", [&](auto &v) { o.docsBaseUrl = v; }},
      {"--clang-tidy", [&](auto &v) { o.clangTidy = v; }},
      {"--load", [&](auto &v) { o.module = v; }},
      {"--write-baseline", [&](auto &v) { o.writeBaseline = v; }},
      {"--baseline", [&](auto &v) { o.baseline = v; }},
      {"--cache-dir", [&](auto &v) { o.cacheDir = v; }},
      {"--shard", [&](auto &v) {
         const auto slash = v.find('/');
         if (slash == std::string::npos || !parseUnsigned(v.substr(0, slash), o.shardIndex) ||
             !parseUnsigned(v.substr(slash + 1), o.shardCount) || o.shardCount == 0 ||
             o.shardIndex == 0 || o.shardIndex > o.shardCount)
           fail("--shard needs K/N with 1 <= K <= N");
       }},
      {"--fail-on", [&](auto &v) {
         o.failOnFindings = o.failOnFailures = o.failOnErrorsOnly = false;
         size_t start = 0;
         while (start <= v.size()) {
           size_t end = v.find(',', start);
           if (end == std::string::npos) end = v.size();
           const std::string item = v.substr(start, end - start);
           if (item == "findings") o.failOnFindings = true;
           else if (item == "errors") o.failOnFindings = o.failOnErrorsOnly = true;
           else if (item == "failures") o.failOnFailures = true;
           else if (item != "none") fail("--fail-on takes findings, errors, failures or none");
           start = end + 1;
         }
       }},
  };
  // clang-tidy's own options, passed through as --name=value.
  const char *tidyValued[] = {"--checks", "--config", "--config-file", "--header-filter",
                              "--exclude-header-filter", "--warnings-as-errors", "--extra-arg",
                              "--extra-arg-before", "--line-filter"};

  for (size_t i = 0; i < args.size(); ++i) {
    std::string arg = args[i];
    if (arg == "--") {
      o.fixedDatabase = true;
      o.compilerFlags.assign(args.begin() + i + 1, args.end());
      break;
    }
    if (arg.empty() || arg[0] != '-' || arg == "-") {
      o.selectors.push_back(arg);
      continue;
    }
    std::string name = arg, value;
    bool hasValue = false;
    if (const auto eq = arg.find('='); eq != std::string::npos && arg.rfind("--", 0) == 0) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      hasValue = true;
    } else if ((arg.rfind("-j", 0) == 0 || arg.rfind("-p", 0) == 0 || arg.rfind("-o", 0) == 0) &&
               arg.size() > 2 && arg[1] != '-') {
      name = arg.substr(0, 2);
      value = arg.substr(2);
      hasValue = true;
    }
    auto takeValue = [&]() -> bool {
      if (hasValue)
        return true;
      if (i + 1 >= args.size()) {
        fail(name + " needs a value");
        return false;
      }
      value = args[++i];
      return true;
    };

    if (auto it = valued.find(name); it != valued.end()) {
      if (takeValue())
        it->second(value);
      continue;
    }
    bool passed = false;
    for (const char *tidyName : tidyValued)
      if (name == tidyName) {
        passed = true;
        if (takeValue()) {
          if (name == "--checks")
            o.checks = value;
          else
            o.tidyOptions.push_back(name + "=" + value);
        }
      }
    if (passed)
      continue;
    if (hasValue) {
      fail("unknown option " + name + " (see parlint --help)");
      continue;
    }
    if (name == "-h" || name == "--help")
      o.mode = Options::Mode::Help;
    else if (name == "--version")
      o.mode = Options::Mode::Version;
    else if (name == "--list-checks")
      o.mode = Options::Mode::ListChecks;
    else if (name == "--project-checks")
      o.projectChecks = true;
    else if (name == "--system-headers")
      o.tidyOptions.push_back("--system-headers");
    else if (name == "--fix")
      o.fix = true;
    else if (name == "--fix-dry-run")
      o.fixDryRun = true;
    else if (name == "--no-cache")
      o.noCache = true;
    else if (name == "--progress")
      o.progress = true;
    else if (name == "--no-progress")
      o.progress = false;
    else if (name == "-q" || name == "--quiet")
      o.quiet = true;
    else
      fail("unknown option " + name + " (see parlint --help)");
  }
  if (o.fixedDatabase && !o.buildDir.empty())
    fail("-p and '-- FLAGS' exclude each other: the flags replace the compilation database");
  if (o.fixedDatabase && o.selectors.empty() && o.mode == Options::Mode::Analyze)
    fail("'-- FLAGS' needs the files to analyse before it: parlint FILE... -- FLAGS");
  if (o.fix && o.fixDryRun)
    fail("--fix and --fix-dry-run exclude each other");
  if (!o.baseline.empty() && !o.writeBaseline.empty())
    fail("--baseline and --write-baseline exclude each other");
  return parsed;
}

} // namespace parlint::tool
