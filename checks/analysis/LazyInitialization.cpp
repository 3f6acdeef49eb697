#include "LazyInitialization.h"
#include "../common/AstHelpers.h"

#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

namespace {

/// Whether Condition reads Written (a name or member chain designating it).
bool testsObject(const Expr *Condition, const ObjectPath &Written) {
  bool Found = false;
  forEachDescendant(Condition, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (Found || !isa<DeclRefExpr, MemberExpr>(&S))
      return;
    if (auto Path = objectPathOf(cast<Expr>(&S)))
      Found = *Path == Written;
  });
  return Found;
}

} // namespace

bool isLazyInitialization(const FunctionAnalysis &Body, const Stmt &Write,
                          const ObjectPath &Written) {
  return Body.isUnderTest(Write, [&](const Expr &Condition, bool) {
    return testsObject(&Condition, Written);
  });
}

} // namespace clang::tidy::parlint
