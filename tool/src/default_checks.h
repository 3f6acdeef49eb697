// Which checks run when the user passes no --checks. clang-tidy's own
// default (clang-diagnostic-*, clang-analyzer-*) would make a parlint run
// slow and not about parlint, and appending parlint-* unconditionally would
// override a .clang-tidy that turns a parlint check off. So:
//   no config applies to the file          -> --checks=-*,parlint-*
//   config applies, never names parlint-   -> --checks=parlint-* (appended to it)
//   config names parlint- checks           -> nothing: the config decides
// "Config" is the .clang-tidy files from the file's directory up to /, or the
// text of --config / --config-file when given (clang-tidy then ignores those).
#pragma once

#include <string>

namespace parlint::tool {

// The --checks value to add for files in `directory` ("" for none).
// `explicitConfig`: the text of --config / --config-file, empty when not given.
std::string defaultChecksFor(const std::string &directory, const std::string &explicitConfig);

} // namespace parlint::tool
