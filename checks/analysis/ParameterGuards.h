// Whether a statement runs only on a path its function's caller picks with
// an argument: under, or after an early exit on, a test of a parameter
// against a constant (`if (file_id == -1)`, `if (mode != Mode::Fast)`,
// `if (out)`, `switch (kind)`). A caller passing the other value never
// takes it, so a summary cannot say the caller's calls make what is there.
#ifndef PARLINT_CHECKS_ANALYSIS_PARAMETERGUARDS_H
#define PARLINT_CHECKS_ANALYSIS_PARAMETERGUARDS_H

#include "../common/AnalysisCache.h"

namespace clang::tidy::parlint {

bool isGuardedByParameterTest(const FunctionAnalysis &Body, const Stmt &S,
                              const FunctionDecl &Function);

} // namespace clang::tidy::parlint

#endif
