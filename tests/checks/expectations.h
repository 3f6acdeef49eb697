// Parses the inline expectations of a test input and the diagnostics that
// clang-tidy prints, into one comparable form.
//
// Notation inside a test input (all in ordinary // comments):
//   // EXPECT-WARNING:<col> <message>        a warning on this line at <col>
//   // EXPECT-WARNING@+1:<col> <message>     ... on the next line (@-2: two above)
//   // EXPECT-NOTE@-3:<col> <message>        a note, same addressing
//   // RUN-STD: c++20                        language standard (default c++17 for
//                                            .cpp inputs, c11 for .c inputs)
//   // RUN-CONFIG: {CheckOptions: {...}}     passed to clang-tidy --config
//   // RUN-ARGS: -DNAME=1                    extra compiler arguments
//   // RUN-CHECKS: parlint-*                 checks to run (default: the folder's)
//   // RUN-MODE: broken                      invalid code: the compiler must report at
//                                            least one error, parlint must say nothing
//                                            and not crash
// Inputs are C++ (`*.cpp`, golden `*.fixed.cpp`) or C (`*.c`, golden `*.fixed.c`,
// run with -x c; RUN-STD must then name a C standard such as c11 or gnu11).
// The check of a warning is the one the input runs; warnings carry it in
// brackets in clang-tidy's output and the harness compares that too.
#ifndef PARLINT_TESTS_EXPECTATIONS_H
#define PARLINT_TESTS_EXPECTATIONS_H

#include <string>
#include <vector>

namespace parlint::testing {

struct Diagnostic {
  std::string file; // empty for expectations: they always mean the input
  int line = 0;
  int column = 0;
  std::string severity; // "warning", "note", "error"
  std::string message;
  std::string check; // empty for notes and compiler errors

  // "12:5: warning: message [check]", the form compared and printed in failures.
  std::string describe() const;
};

struct InputSpec {
  std::string checks;
  std::string language = "c++"; // "c++" or "c": the -x the input runs with
  std::string standard = "c++17";
  std::string config = "{}";
  std::vector<std::string> extraArgs;
  bool broken = false;
  std::vector<Diagnostic> expected;
  std::vector<std::string> errors; // malformed directives; a test fails on them
};

// `defaultCheck` is the check the input's folder names; `language` is "c++" or
// "c" (see languageOfInput) and picks the default standard.
InputSpec parseInput(const std::string &text, const std::string &defaultCheck,
                     const std::string &language = "c++");

// "c" for a `.c` file, "c++" for anything else.
std::string languageOfInput(const std::string &path);

// Why a run over a `RUN-MODE: broken` input fails, empty when it passes: the
// compiler must have reported at least one error (a broken input that became
// valid no longer tests anything), and parlint must have said nothing.
std::vector<std::string> brokenRunProblems(const std::vector<Diagnostic> &actual);

// Every "file:line:col: severity: message [check]" line of clang-tidy output.
std::vector<Diagnostic> parseTidyOutput(const std::string &output);

} // namespace parlint::testing

#endif
