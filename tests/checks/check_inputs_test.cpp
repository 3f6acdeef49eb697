// One test per input under test-inputs/<check>/ (`*.cpp` run as C++, `*.c` run
// as C): runs clang-tidy-19 --fix on a copy, compares every diagnostic exactly
// with the input's EXPECT comments, compares the fixed file with the golden
// <name>.fixed.cpp / <name>.fixed.c (or with the input itself when there is
// none: no fix-it may fire), and compiles the fixed file. See input_check.h.
#include "input_check.h"

#include <gtest/gtest.h>

namespace fs = std::filesystem;
using namespace parlint::testing;

namespace {

class CheckInput : public ::testing::TestWithParam<fs::path> {};

TEST_P(CheckInput, DiagnosticsAndFixesMatch) {
  const fs::path input = GetParam();
  checkInput(input, checkForFolder(input.parent_path().filename()));
}

INSTANTIATE_TEST_SUITE_P(TestInputs, CheckInput,
                         ::testing::ValuesIn(discoverInputs(PARLINT_TEST_INPUTS)),
                         [](const auto &info) { return inputTestName(info.param); });

} // namespace
