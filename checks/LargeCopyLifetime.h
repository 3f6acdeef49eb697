// Lifetime questions behind parlint-large-copy-to-worker's std::ref/std::cref
// fix-it: a reference handed to a worker is only safe when the worker is
// joined (or its future waited) before the referenced object dies.
#ifndef PARLINT_CHECKS_LARGECOPYLIFETIME_H
#define PARLINT_CHECKS_LARGECOPYLIFETIME_H

#include "LargeCopyFlow.h"
#include "LargeCopyLaunch.h"

namespace clang::tidy::parlint {

/// The local std::thread, std::jthread or std::future that \p Launch
/// initializes, when that handle is never detached, moved, copied or
/// otherwise escapes (only joined, waited or queried), else null.
const VarDecl *confinedWorkerHandle(const WorkerLaunch &Launch,
                                    const Stmt *Body, ASTContext &Context);

/// True when the object \p Copied names is destroyed only after \p Handle:
/// a parameter or static of \p Function, a member of *this, or a local
/// declared before Handle in a scope enclosing it.
bool outlivesHandle(const Expr *Copied, const VarDecl *Handle,
                    const FunctionDecl *Function, ASTContext &Context);

/// True when the worker behind \p Handle has finished before Handle's scope
/// ends on every path: std::jthread and std::async's future wait in their
/// destructors, a std::thread must be joined on every path.
bool finishesBeforeScopeEnd(const VarDecl *Handle, const Stmt *Launch,
                            const FunctionFlow &Flow);

} // namespace clang::tidy::parlint

#endif
