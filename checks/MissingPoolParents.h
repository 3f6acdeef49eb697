// Parent links of one function body, for parlint-missing-pool-shutdown.
// ASTContext::getParents would first build a map of the whole translation
// unit, every template instantiation included; on Boost-heavy code that costs
// seconds, while the analysis only ever looks inside the pool's function.
#ifndef PARLINT_CHECKS_MISSINGPOOLPARENTS_H
#define PARLINT_CHECKS_MISSINGPOOLPARENTS_H

#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"

namespace clang {
class VarDecl;
} // namespace clang

namespace clang::tidy::parlint {

class BodyParents {
public:
  explicit BodyParents(const Stmt &Body);

  const Stmt &body() const { return Body; }
  /// The statement that directly contains \p S, or nullptr for the body.
  const Stmt *parent(const Stmt &S) const { return Map.getParent(&S); }
  /// True if \p Inner lies within \p Outer.
  bool isWithin(const Stmt &Inner, const Stmt &Outer) const;
  /// The declaration statement of a local variable of this body.
  const DeclStmt *declarationOf(const VarDecl &Var) const;

private:
  const Stmt &Body;
  ParentMap Map;
};

} // namespace clang::tidy::parlint

#endif
