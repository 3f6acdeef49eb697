// Whether a statement runs only on a path its function's caller picks with
// an argument: under, or after an early exit on, a test of a parameter
// against a constant (`if (file_id == -1)`, `if (mode != Mode::Fast)`,
// `if (out)`, `switch (kind)`). A caller passing the other value never
// takes it, so a summary cannot say the caller's calls make what is there.
#ifndef PARLINT_CHECKS_ANALYSIS_PARAMETERGUARDS_H
#define PARLINT_CHECKS_ANALYSIS_PARAMETERGUARDS_H

#include "../common/AnalysisCache.h"
#include <optional>

namespace clang::tidy::parlint {

bool isGuardedByParameterTest(const FunctionAnalysis &Body, const Stmt &S,
                              const FunctionDecl &Function);

/// The one argument test that picks the path of S, when it is that simple:
/// S runs iff parameter Param's value compares to Value as Equal says
/// (`if (is_error)`: Param != 0; `if (mode == MODE_FAST)`; `if (!quiet)`;
/// `if (level != LOG_DEBUG) return;` before S). A caller that passes a
/// constant decides whether S runs.
struct ParameterGuard {
  unsigned Param = 0;
  int64_t Value = 0;
  bool Equal = true;
  /// Whether a call passing Arg takes the path: nullopt when Arg is no
  /// integer constant.
  std::optional<bool> holdsFor(const Expr &Arg, const ASTContext &Context) const;
};

/// That guard, or nullopt when S is under no parameter test, or under more
/// than one, or one of another shape (a switch, a pointer, a range).
std::optional<ParameterGuard> parameterGuardOf(const FunctionAnalysis &Body,
                                               const Stmt &S,
                                               const FunctionDecl &Function);

} // namespace clang::tidy::parlint

#endif
