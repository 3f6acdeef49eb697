#include "WorkerRoles.h"
#include "../common/AstHelpers.h"

#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallSet.h"

namespace clang::tidy::parlint {

namespace {

const ValueDecl *referencedDecl(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts());
  return Ref ? Ref->getDecl() : nullptr;
}

} // namespace

bool branchesOnItsRole(const FunctionDecl &Worker) {
  const FunctionDecl *Definition = Worker.getDefinition();
  if (!Definition || !Definition->hasBody())
    return false;
  ASTContext &Context = Definition->getASTContext();
  // The parameters, and locals initialized from a cast of one
  // (`unsigned long type = (unsigned long) arg;`).
  llvm::SmallPtrSet<const ValueDecl *, 4> Roles(Definition->param_begin(),
                                                 Definition->param_end());
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Var = dyn_cast_or_null<VarDecl>(
            isa<DeclStmt>(S) && cast<DeclStmt>(S).isSingleDecl()
                ? cast<DeclStmt>(S).getSingleDecl()
                : nullptr);
        Var && Var->getInit() && Var->getType()->isIntegerType())
      if (const ValueDecl *From = referencedDecl(Var->getInit());
          From && Roles.contains(From))
        Roles.insert(Var);
  });
  llvm::SmallSet<int64_t, 4> Constants;
  auto NoteComparison = [&](const Expr *Role, const Expr *Other) {
    const ValueDecl *D = referencedDecl(Role);
    Expr::EvalResult Value;
    if (D && Roles.contains(D) && !Other->isValueDependent() &&
        Other->EvaluateAsInt(Value, Context))
      Constants.insert(Value.Val.getInt().getExtValue());
  };
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Compare = dyn_cast<BinaryOperator>(&S);
        Compare && Compare->getOpcode() == BO_EQ) {
      NoteComparison(Compare->getLHS(), Compare->getRHS());
      NoteComparison(Compare->getRHS(), Compare->getLHS());
    } else if (const auto *Switch = dyn_cast<SwitchStmt>(&S);
               Switch && Switch->getCond()) {
      if (const ValueDecl *D = referencedDecl(Switch->getCond());
          D && Roles.contains(D))
        for (const SwitchCase *Case = Switch->getSwitchCaseList(); Case;
             Case = Case->getNextSwitchCase())
          if (const auto *Labelled = dyn_cast<CaseStmt>(Case))
            NoteComparison(Switch->getCond(), Labelled->getLHS());
    }
  });
  return Constants.size() >= 2;
}

} // namespace clang::tidy::parlint
