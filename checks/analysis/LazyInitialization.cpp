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

bool exits(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && isa<ReturnStmt>(Block->body_back());
  return isa_and_nonnull<ReturnStmt>(S);
}

} // namespace

bool isLazyInitialization(const FunctionAnalysis &Body, const Stmt &Write,
                          const ObjectPath &Written) {
  const Stmt *Child = &Write;
  for (const Stmt *Parent = Body.parent(Write); Parent;
       Child = Parent, Parent = Body.parent(*Parent)) {
    if (const auto *If = dyn_cast<IfStmt>(Parent);
        If && If->getThen() == Child && testsObject(If->getCond(), Written))
      return true;
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent))
      for (const Stmt *Sibling : Block->body()) {
        if (Sibling == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Sibling);
            If && !If->getElse() && exits(If->getThen()) &&
            testsObject(If->getCond(), Written))
          return true;
      }
  }
  return false;
}

} // namespace clang::tidy::parlint
