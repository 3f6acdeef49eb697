#include "ErrorExits.h"
#include "../model/Allocation.h"

#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

namespace {

/// Whether Body assigns the result of an allocation to Var anywhere.
bool assignsAllocation(const Stmt &S, const VarDecl &Var) {
  if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
      Assign && Assign->getOpcode() == BO_Assign) {
    const auto *Target =
        dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts());
    if (Target && Target->getDecl() == &Var &&
        isAllocationCall(Assign->getRHS()))
      return true;
  }
  for (const Stmt *Child : S.children())
    if (Child && assignsAllocation(*Child, Var))
      return true;
  return false;
}

/// Whether E is an allocated pointer: an assignment of an allocation in
/// place (`(p = malloc(n)) == NULL`), or a local pointer variable that is
/// initialized with or assigned an allocation.
bool isAllocatedPointer(const Expr *E, const FunctionAnalysis &Body) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Assign = dyn_cast<BinaryOperator>(E);
      Assign && Assign->getOpcode() == BO_Assign)
    return isAllocationCall(Assign->getRHS());
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || !Var->getType()->isPointerType())
    return false;
  return isAllocationCall(Var->getInit()) || assignsAllocation(Body.body(), *Var);
}

bool isNull(const Expr *E, ASTContext &Context) {
  return E->IgnoreParenImpCasts()->isNullPointerConstant(
      Context, Expr::NPC_ValueDependentIsNotNull);
}

} // namespace

const CFGBlock *allocationFailureArm(const CFGBlock &Block,
                                     const FunctionAnalysis &Body) {
  return nullArm(Block, Body, [&](const Expr *Tested) {
    return isAllocatedPointer(Tested, Body);
  });
}

const CFGBlock *nullArmOf(const CFGBlock &Block, const VarDecl &Var,
                          const FunctionAnalysis &Body) {
  return nullArm(Block, Body, [&](const Expr *Tested) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Tested->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == &Var;
  });
}

const CFGBlock *nullArm(const CFGBlock &Block, const FunctionAnalysis &Body,
                        llvm::function_ref<bool(const Expr *)> IsTested) {
  const Expr *Condition = dyn_cast_or_null<Expr>(
      const_cast<CFGBlock &>(Block).getTerminatorCondition());
  if (!Condition || Block.succ_size() != 2)
    return nullptr;
  Condition = Condition->IgnoreParenImpCasts();
  // The first successor is taken when the condition holds.
  bool NullWhenTrue = false;
  const Expr *Tested = Condition;
  if (const auto *Not = dyn_cast<UnaryOperator>(Condition);
      Not && Not->getOpcode() == UO_LNot) {
    Tested = Not->getSubExpr();
    NullWhenTrue = true;
  } else if (const auto *Compare = dyn_cast<BinaryOperator>(Condition);
             Compare && Compare->isEqualityOp()) {
    ASTContext &Context = Body.context();
    if (isNull(Compare->getRHS(), Context))
      Tested = Compare->getLHS();
    else if (isNull(Compare->getLHS(), Context))
      Tested = Compare->getRHS();
    else
      return nullptr;
    NullWhenTrue = Compare->getOpcode() == BO_EQ;
  }
  if (!IsTested(Tested))
    return nullptr;
  auto Arm = Block.succ_begin() + (NullWhenTrue ? 0 : 1);
  return Arm->getReachableBlock();
}

} // namespace clang::tidy::parlint
