// When may parlint-large-copy-to-worker suggest std::ref/std::cref instead of
// a copy? Only when the worker is finished (joined, or its future waited)
// before the referenced object dies, on every path.
#ifndef PARLINT_CHECKS_LARGECOPYTOWORKER_REFERENCESAFETY_H
#define PARLINT_CHECKS_LARGECOPYTOWORKER_REFERENCESAFETY_H

#include "../common/AnalysisCache.h"
#include "../model/Launch.h"

namespace clang::tidy::parlint {

/// The local std::thread, std::jthread or std::future that Launch
/// initializes, when that handle is never detached, moved, copied, restarted
/// or otherwise let go (only joined, waited or queried), else null.
const VarDecl *confinedWorkerHandle(const Launch &Launch,
                                    const FunctionAnalysis &Function);

/// True when the object Copied names is destroyed only after Handle: a
/// parameter or static of the function, a member of *this, or a local
/// declared before Handle in a scope enclosing it.
bool outlivesHandle(const Expr &Copied, const VarDecl &Handle,
                    const FunctionDecl &Owner, const FunctionAnalysis &Function);

/// True when the worker behind Handle has finished before Handle's scope ends
/// on every path: std::jthread and std::async's future wait in their
/// destructors; a std::thread must be joined on every path (HandleFlow).
bool finishesBeforeScopeEnd(const VarDecl &Handle,
                            const FunctionAnalysis &Function);

} // namespace clang::tidy::parlint

#endif
