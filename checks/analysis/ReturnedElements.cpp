#include "ReturnedElements.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ASTContext.h"
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

/// Path, rooted at a global or at a parameter of Call's callee, in the
/// caller's names.
static std::optional<ObjectPath> inCallerNames(ObjectPath Path,
                                               const CallExpr &Call) {
  if (const auto *Param = dyn_cast_or_null<ParmVarDecl>(Path.Root)) {
    unsigned At = Param->getFunctionScopeIndex();
    if (At >= Call.getNumArgs())
      return std::nullopt;
    std::optional<ObjectPath> Argument = objectPathOf(stripped(Call.getArg(At)));
    if (!Argument || !Argument->Root)
      return std::nullopt;
    // `shard_for(kv, key)`: `kv->shards`; `slot_for(w->sched, id)`:
    // `w->sched->slots` (a pointer member's pointee goes by its name).
    if (Argument->Fields.empty() && !Argument->ThroughPointer)
      Path.Root = Argument->Root;
    else
      Path = Argument->extendedBy(Path);
    return Path;
  }
  const auto *Global = dyn_cast_or_null<VarDecl>(Path.Root);
  if (!Global || !Global->hasGlobalStorage())
    return std::nullopt;
  return Path;
}

const Expr *memberElementReturnedBy(const CXXMethodDecl *Method) {
  const FunctionDecl *Definition = nullptr;
  if (!Method || Method->isVirtual() || !Method->isInstance() ||
      !Method->hasBody(Definition) ||
      !(Method->getReturnType()->isReferenceType() ||
        Method->getReturnType()->isPointerType()))
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Definition->getBody());
  const auto *Return = Body && Body->size() == 1
                           ? dyn_cast<ReturnStmt>(Body->body_front())
                           : nullptr;
  const Expr *Value = Return ? Return->getRetValue() : nullptr;
  auto [Array, Index] = arrayAndIndexOf(Value);
  const auto *Member =
      Array ? dyn_cast<MemberExpr>(Array->IgnoreParenImpCasts()) : nullptr;
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()) ||
      !isa<FieldDecl>(Member->getMemberDecl()))
    return nullptr;
  return Value;
}

/// `world.body(0)` with `Body &body(size_t i) { return bodies_[i]; }`: the
/// element of the object's member array.
static std::optional<ReturnedElement>
memberElementOf(const CXXMemberCallExpr &Call) {
  const Expr *Returned = memberElementReturnedBy(Call.getMethodDecl());
  if (!Returned)
    return std::nullopt;
  auto [Array, Index] = arrayAndIndexOf(Returned);
  std::optional<ObjectPath> Member = objectPathOf(Array->IgnoreParenImpCasts());
  const Expr *Object = Call.getImplicitObjectArgument()->IgnoreParenImpCasts();
  std::optional<ObjectPath> Base;
  if (isa<CXXThisExpr>(Object))
    Base = ObjectPath{};
  else if (Object->getType()->isPointerType()) {
    const auto *Ref = dyn_cast<DeclRefExpr>(Object);
    if (Ref && isa<VarDecl>(Ref->getDecl())) {
      Base = ObjectPath{};
      Base->Root = Ref->getDecl();
      Base->ThroughPointer = true;
    }
  } else {
    Base = objectPathOf(Object);
  }
  if (!Member || !Base)
    return std::nullopt;
  return ReturnedElement{Base->extendedBy(*Member), Index};
}

std::optional<ReturnedElement> elementReturnedBy(const CallExpr &Call) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return memberElementOf(*Member);
  const FunctionDecl *Callee = Call.getDirectCallee();
  const Expr *Returned = singleReturnedValue(Callee);
  if (!Returned) {
    const FunctionDecl *Definition = nullptr;
    if (!Callee || !Callee->hasBody(Definition) || isa<CXXMethodDecl>(Definition))
      return std::nullopt;
    std::optional<ObjectPath> Searched = searchedArrayOf(*Definition);
    if (!Searched)
      return std::nullopt;
    if (auto Array = inCallerNames(*Searched, Call))
      return ReturnedElement{*Array, nullptr};
    return std::nullopt;
  }
  if (!Returned->getType()->isPointerType())
    return std::nullopt;
  auto [Array, Index] = arrayAndIndexOf(Returned);
  std::optional<ObjectPath> Path =
      Array ? objectPathOf(Array->IgnoreParenImpCasts()) : std::nullopt;
  if (!Path)
    return std::nullopt;
  if (auto InCaller = inCallerNames(*Path, Call))
    return ReturnedElement{*InCaller, Index};
  return std::nullopt;
}

std::optional<ObjectPath> searchedArrayOf(const FunctionDecl &Helper) {
  if (!Helper.getReturnType()->isPointerType() || !Helper.getBody())
    return std::nullopt;
  ASTContext &Context = Helper.getASTContext();
  // The local every non-null return gives back, or elements returned
  // directly (`return &t->rows[i];` in the search loop).
  const VarDecl *Found = nullptr;
  llvm::SmallVector<const Expr *, 2> Values;
  bool Other = false;
  forEachDescendant(Helper.getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Return = dyn_cast<ReturnStmt>(&S);
    if (!Return || Other)
      return;
    const Expr *Value = Return->getRetValue();
    if (!Value || Value->isValueDependent()) {
      Other = true;
      return;
    }
    if (Value->IgnoreParenImpCasts()->isNullPointerConstant(
            Context, Expr::NPC_ValueDependentIsNotNull))
      return;
    if (arrayAndIndexOf(Value).first) {
      Values.push_back(Value);
      return;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(stripped(Value));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
        (Found && Found != Var))
      Other = true;
    else
      Found = Var;
  });
  if ((!Found && Values.empty()) || Other)
    return std::nullopt;
  // Every value the local is given: an element of one array.
  if (Found && Found->getInit())
    Values.push_back(Found->getInit());
  if (Found) {
    forEachDescendant(Helper.getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
          Assign && Assign->isAssignmentOp() &&
          namesVariable(Assign->getLHS(), Found))
        Values.push_back(Assign->getOpcode() == BO_Assign ? Assign->getRHS()
                                                          : nullptr);
      else if (const auto *Step = dyn_cast<UnaryOperator>(&S);
               Step && (Step->isIncrementDecrementOp() ||
                        Step->getOpcode() == UO_AddrOf) &&
               namesVariable(Step->getSubExpr(), Found))
        Values.push_back(nullptr);
    });
  }
  std::optional<ObjectPath> Common;
  for (const Expr *Value : Values) {
    // `struct frame *f = NULL;` before the search.
    if (Value && Value->IgnoreParenImpCasts()->isNullPointerConstant(
                     Context, Expr::NPC_ValueDependentIsNotNull))
      continue;
    auto [Array, Index] = arrayAndIndexOf(Value);
    std::optional<ObjectPath> Path =
        Array ? objectPathOf(Array->IgnoreParenImpCasts()) : std::nullopt;
    if (!Path || !Path->Root || (Common && !(*Common == *Path)))
      return std::nullopt;
    const auto *Root = dyn_cast<VarDecl>(Path->Root);
    if (!Root || !(isa<ParmVarDecl>(Root) || Root->hasGlobalStorage()))
      return std::nullopt;
    Common = Path;
  }
  return Common;
}

} // namespace clang::tidy::parlint
