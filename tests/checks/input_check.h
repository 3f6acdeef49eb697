// The test every input under test-inputs/<check>/ gets, as a function so the
// harness's own tests (harness_test.cpp) can run it on inputs they write.
#ifndef PARLINT_TESTS_INPUT_CHECK_H
#define PARLINT_TESTS_INPUT_CHECK_H

#include "expectations.h"

#include <filesystem>
#include <string>
#include <vector>

namespace parlint::testing {

// Every input below `root`/<folder>/: `*.cpp` and `*.c` files that are not
// golden files (`*.fixed.cpp`, `*.fixed.c`); folders that hold no check's
// inputs (example-project) are skipped. Sorted.
std::vector<std::filesystem::path> discoverInputs(const std::filesystem::path &root);

// The checks a folder's inputs run by default: parlint-<folder>.
std::string checkForFolder(const std::string &folder);

// A GoogleTest-safe name: <folder>_<stem>, plus _c for C inputs.
std::string inputTestName(const std::filesystem::path &input);

// <stem>.fixed.cpp next to a C++ input, <stem>.fixed.c next to a C input.
std::filesystem::path goldenFileFor(const std::filesystem::path &input);

// Runs clang-tidy --fix on a copy of `input` with `checks` as the default
// checks, and reports every difference from the input's expectations as a
// GoogleTest failure: diagnostics compared exactly, the fixed copy compared
// with the golden file (or the unchanged input), the fixed file compiled (and,
// when the input has a main(), the input and the fixed file built and linked
// against the runtime library, run, and their outputs compared); a
// `RUN-MODE: broken` input must make the compiler report an error and parlint
// stay silent.
void checkInput(const std::filesystem::path &input, const std::string &checks);

// Whether a test input is a program: it defines `int main(`.
bool hasMain(const std::string &text);

// The link-and-run mode of checkInput: builds `original` and `fixed` into
// `dir`, both linked against the runtime library, runs both, and
// reports a GoogleTest failure unless both exit 0 and print the same,
// non-empty output.
void compareFixedProgram(const std::string &original, const std::string &fixed,
                         const InputSpec &spec, const std::string &dir);

} // namespace parlint::testing

#endif
