#include "JoinAll.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {
namespace {

/// The single statement a block of one statement holds, or S.
const Stmt *single(const Stmt *S) {
  while (const auto *Block = dyn_cast_or_null<CompoundStmt>(S)) {
    if (Block->size() != 1)
      return S;
    S = Block->body_front();
  }
  return S;
}

/// `e.join();` or `if (e.joinable()) e.join();`, e an element IsElement names.
bool joinsElement(const Stmt *Body,
                  llvm::function_ref<bool(const Expr *)> IsElement) {
  Body = single(Body);
  if (const auto *If = dyn_cast_or_null<IfStmt>(Body)) {
    const auto *Test = dyn_cast_or_null<CXXMemberCallExpr>(stripped(If->getCond()));
    if (If->getElse() || If->getInit() || If->getConditionVariable() || !Test ||
        identifierOf(Test->getMethodDecl()) != "joinable" ||
        !IsElement(Test->getImplicitObjectArgument()))
      return false;
    Body = single(If->getThen());
  }
  const auto *Join = dyn_cast_or_null<CXXMemberCallExpr>(Body);
  return Join && memberOp(Join->getMethodDecl()) == HandleOp::Join &&
         IsElement(Join->getImplicitObjectArgument());
}

bool isZero(const Expr *E, ASTContext &Context) {
  Expr::EvalResult Value;
  return E && E->EvaluateAsInt(Value, Context) && Value.Val.getInt() == 0;
}

} // namespace

bool joinsAllThreads(const Stmt &S, const VarDecl &Var, ASTContext &Context) {
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&S)) {
    const VarDecl *Element = RangeFor->getLoopVariable();
    return namesVariable(RangeFor->getRangeInit(), &Var) && Element &&
           Element->getType()->isReferenceType() &&
           joinsElement(RangeFor->getBody(), [&](const Expr *E) {
             return namesVariable(E, Element);
           });
  }
  if (const auto *For = dyn_cast<ForStmt>(&S)) {
    const auto *Init = dyn_cast_or_null<DeclStmt>(For->getInit());
    const auto *Index =
        Init && Init->isSingleDecl() ? dyn_cast<VarDecl>(Init->getSingleDecl())
                                     : nullptr;
    if (!Index || !Index->getType()->isIntegerType() ||
        !isZero(Index->getInit(), Context))
      return false;
    const auto *Test = dyn_cast_or_null<BinaryOperator>(stripped(For->getCond()));
    const auto *Size =
        Test ? dyn_cast_or_null<CXXMemberCallExpr>(stripped(Test->getRHS())) : nullptr;
    if (!Test || (Test->getOpcode() != BO_LT && Test->getOpcode() != BO_NE) ||
        !namesVariable(Test->getLHS(), Index) || !Size ||
        identifierOf(Size->getMethodDecl()) != "size" ||
        !namesVariable(Size->getImplicitObjectArgument(), &Var))
      return false;
    const auto *Step = dyn_cast_or_null<UnaryOperator>(For->getInc());
    if (!Step || !Step->isIncrementOp() || !namesVariable(Step->getSubExpr(), Index))
      return false;
    return joinsElement(For->getBody(), [&](const Expr *E) {
      const auto *Subscript = dyn_cast_or_null<CXXOperatorCallExpr>(stripped(E));
      return Subscript && Subscript->getOperator() == OO_Subscript &&
             Subscript->getNumArgs() == 2 &&
             namesVariable(Subscript->getArg(0), &Var) &&
             namesVariable(Subscript->getArg(1), Index);
    });
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(stripped(dyn_cast<Expr>(&S)));
  if (!Call || !isNamed(Call->getDirectCallee(), {"::std::for_each"}) ||
      Call->getNumArgs() != 3)
    return false;
  auto Ends = [&](const Expr *E, StringRef Name) {
    const auto *End = dyn_cast_or_null<CXXMemberCallExpr>(stripped(E));
    return End && identifierOf(End->getMethodDecl()) == Name &&
           namesVariable(End->getImplicitObjectArgument(), &Var);
  };
  const auto *MemFn = dyn_cast_or_null<CallExpr>(stripped(Call->getArg(2)));
  if (!Ends(Call->getArg(0), "begin") || !Ends(Call->getArg(1), "end") ||
      !MemFn || !isNamed(MemFn->getDirectCallee(), {"::std::mem_fn"}) ||
      MemFn->getNumArgs() != 1)
    return false;
  const auto *Address = dyn_cast_or_null<UnaryOperator>(stripped(MemFn->getArg(0)));
  const auto *Method =
      Address ? dyn_cast<DeclRefExpr>(Address->getSubExpr()->IgnoreParens())
              : nullptr;
  return Method && memberOp(dyn_cast<CXXMethodDecl>(Method->getDecl())) ==
                       HandleOp::Join;
}


} // namespace clang::tidy::parlint
