// A loop that polls an atomic flag (`while (link_up.load()) { ... }`) runs
// its body only while the flag still holds its first value, when that is
// the only value the loop goes on with: the flag starts at one constant,
// and every store anywhere (the worker's `link_up.store(false)`) writes one
// other constant, which ends the loop. Such a load observes no store, so it
// orders nothing that the body does with what the storing thread wrote
// before its store; only the load that ends the loop does, for what comes
// after the loop.
#ifndef PARLINT_CHECKS_ANALYSIS_POLLEDFLAGS_H
#define PARLINT_CHECKS_ANALYSIS_POLLEDFLAGS_H

#include "../common/AnalysisCache.h"

namespace clang::tidy::parlint {

/// Whether Load, an atomic load of a local flag of Owner's body (its
/// `load()` or its conversion to its value), lies in the condition of Loop
/// and sees, each time Loop's body runs, only the flag's initial value.
bool pollSeesOnlyInitialValue(const Expr &Load, const Stmt &Loop,
                              const FunctionAnalysis &Owner);

} // namespace clang::tidy::parlint

#endif
