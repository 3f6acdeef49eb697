// Whether a statement joins every thread of a container, and nothing else:
// the loop that parlint-unbounded-spawn's rewrite replaces by wait_idle().
#ifndef PARLINT_CHECKS_ANALYSIS_JOINALL_H
#define PARLINT_CHECKS_ANALYSIS_JOINALL_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Stmt.h"

namespace clang::tidy::parlint {

/// `for (auto &t : v) t.join();`, `for (size_t i = 0; i < v.size(); ++i)
/// v[i].join();` (each maybe under `if (t.joinable())`), or
/// `std::for_each(v.begin(), v.end(), std::mem_fn(&std::thread::join));`.
bool joinsAllThreads(const Stmt &S, const VarDecl &Var, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
