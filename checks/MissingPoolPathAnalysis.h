// Path-sensitive part of parlint-missing-pool-shutdown: walks the function's
// CFG from a pool's declaration and finds the points where the pool can be
// destroyed (end of scope, early exit, exception, delete) after work may have
// been queued on it and before any shutdown method ran.
#ifndef PARLINT_CHECKS_MISSINGPOOLPATHANALYSIS_H
#define PARLINT_CHECKS_MISSINGPOOLPATHANALYSIS_H

#include "MissingPoolUses.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::parlint {

/// A point where the pool may be destroyed without a shutdown.
struct UnsafeDestruction {
  enum KindType {
    ScopeEnd, ///< the closing brace of the pool's scope
    Jump,     ///< return, break, continue or goto leaving the scope
    Throw,    ///< an exception thrown out of the scope
    Delete    ///< delete of an owning pointer
  };
  KindType Kind;
  /// The statement that destroys the pool: the compound statement, the
  /// jump, the throw-expression or the delete-expression.
  const Stmt *Trigger;
};

/// \p Scope is the statement that directly holds the declaration of \p Var
/// (usually a compound statement). Returns the unsafe destruction points in
/// source order; empty if there is none or the CFG cannot be built.
llvm::SmallVector<UnsafeDestruction, 2>
findUnsafeDestructions(const VarDecl &Var, PoolHandleKind Kind,
                       const BodyParents &Parents, const Stmt &Scope,
                       const PoolUses &Uses, ASTContext &Context);

} // namespace clang::tidy::parlint

#endif
