// parlint: the command line. See options.cpp's usageText() for the manual.
#include "analyze.h"
#include "options.h"
#include "sarif.h"

#include <fmt/format.h>

#include <exception>

int main(int argc, char **argv) {
  using namespace parlint::tool;
  try {
    const ParsedOptions parsed = parseOptions(argc, argv);
    if (!parsed.error.empty()) {
      fmt::print(stderr, "parlint: error: {}\n", parsed.error);
      return 3;
    }
    const Options &options = parsed.options;
    switch (options.mode) {
    case Options::Mode::Help:
      fmt::print("{}", usageText());
      return 0;
    case Options::Mode::Version:
      return printVersion(options, argv[0]);
    case Options::Mode::ListChecks:
      return listChecks(options, argv[0]);
    case Options::Mode::Merge:
      return mergeSarifFiles(options.selectors);
    case Options::Mode::Analyze:
      return runAnalysis(options, argv[0]);
    }
  } catch (const std::exception &e) {
    fmt::print(stderr, "parlint: error: {}\n", e.what());
    return 3;
  }
  return 0;
}
