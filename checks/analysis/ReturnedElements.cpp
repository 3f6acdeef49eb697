#include "ReturnedElements.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

std::pair<const Expr *, const Expr *> arrayAndIndexOf(const Expr *Element) {
  const Expr *E = stripped(Element);
  if (const auto *Address = dyn_cast_or_null<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    E = stripped(Address->getSubExpr());
  if (const auto *Subscript = dyn_cast_or_null<ArraySubscriptExpr>(E))
    return {Subscript->getBase(), Subscript->getIdx()};
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      Operator && Operator->getOperator() == OO_Subscript &&
      Operator->getNumArgs() == 2)
    return {Operator->getArg(0), Operator->getArg(1)};
  if (const auto *Sum = dyn_cast_or_null<BinaryOperator>(E);
      Sum && Sum->getOpcode() == BO_Add) {
    bool PointerLeft = Sum->getLHS()->getType()->isPointerType();
    const Expr *Array = PointerLeft ? Sum->getLHS() : Sum->getRHS();
    if (Array->getType()->isPointerType())
      return {Array, PointerLeft ? Sum->getRHS() : Sum->getLHS()};
  }
  return {nullptr, nullptr};
}

std::optional<ReturnedElement> elementReturnedBy(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const Expr *Returned = singleReturnedValue(Callee);
  if (!Returned || !Returned->getType()->isPointerType())
    return std::nullopt;
  auto [Array, Index] = arrayAndIndexOf(Returned);
  std::optional<ObjectPath> Path =
      Array ? objectPathOf(Array->IgnoreParenImpCasts()) : std::nullopt;
  if (!Path)
    return std::nullopt;
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Path->Root)) {
    unsigned At = Param->getFunctionScopeIndex();
    if (At >= Call.getNumArgs())
      return std::nullopt;
    std::optional<ObjectPath> Argument = objectPathOf(stripped(Call.getArg(At)));
    if (!Argument || !Argument->Root)
      return std::nullopt;
    // `shard_for(kv, key)`: `kv->shards`; `slot_for(w->sched, id)`:
    // `w->sched->slots` (a pointer member's pointee goes by its name).
    if (Argument->Fields.empty() && !Argument->ThroughPointer)
      Path->Root = Argument->Root;
    else
      Path = Argument->extendedBy(*Path);
  } else {
    const auto *Global = dyn_cast_or_null<VarDecl>(Path->Root);
    if (!Global || !Global->hasGlobalStorage())
      return std::nullopt;
  }
  return ReturnedElement{*Path, Index};
}

} // namespace clang::tidy::parlint
