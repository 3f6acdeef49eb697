#include "HandedOverElements.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"
#include "ReturnedElements.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

namespace {

/// `this->name_`, or null.
const FieldDecl *fieldOfThis(const Expr *E) {
  const auto *Member = dyn_cast_or_null<MemberExpr>(stripped(E));
  if (!Member || !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return nullptr;
  return dyn_cast<FieldDecl>(Member->getMemberDecl());
}

/// An atomic member call (`head_.load(..)`, `head_.store(..)`) on a member
/// of `this`, and that member.
const FieldDecl *atomicMemberOf(const CXXMemberCallExpr &Call, StringRef Name) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || identifierOf(Method) != Name)
    return nullptr;
  const FieldDecl *Field = fieldOfThis(Call.getImplicitObjectArgument());
  return Field && isAtomicType(Field->getType()) ? Field : nullptr;
}

/// A load of the counter that may acquire what the other side stored.
bool acquires(const CXXMemberCallExpr &Load) { return !isRelaxedAtomicCall(Load); }

/// The local a stored value steps from: `t + 1`, `t`, `(t + 1) & mask`,
/// `(t + 1) % N`.
const VarDecl *steppedLocal(const Expr *Value) {
  const Expr *E = stripped(Value);
  while (const auto *Binary = dyn_cast_or_null<BinaryOperator>(E)) {
    if (Binary->getOpcode() != BO_Add && Binary->getOpcode() != BO_And &&
        Binary->getOpcode() != BO_Rem)
      return nullptr;
    E = stripped(Binary->getLHS());
  }
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) ? Var : nullptr;
}

struct ElementUse {
  const Expr *Access;
  const FieldDecl *Array;
  const Expr *Index;
  bool Write;
};

/// Element accesses of member arrays in Body, in source order, with
/// whether each is a write (assigned, stepped, or the target of `=`).
llvm::SmallVector<ElementUse, 4> elementUses(const Stmt &Body) {
  llvm::SmallVector<ElementUse, 4> Uses;
  llvm::SmallPtrSet<const Expr *, 4> Written;
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S); Assign && Assign->isAssignmentOp())
      Written.insert(stripped(Assign->getLHS()));
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
             Op && Op->isAssignmentOp() && Op->getNumArgs() == 2)
      Written.insert(stripped(Op->getArg(0)));
    else if (const auto *Step = dyn_cast<UnaryOperator>(&S); Step && Step->isIncrementDecrementOp())
      Written.insert(stripped(Step->getSubExpr()));
    const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(&S);
    if (!isa<ArraySubscriptExpr>(&S) &&
        !(Subscript && Subscript->getOperator() == OO_Subscript))
      return;
    auto [Array, Index] = arrayAndIndexOf(cast<Expr>(&S));
    if (!Array)
      return;
    if (const FieldDecl *Field = fieldOfThis(Array))
      Uses.push_back({cast<Expr>(&S), Field, Index, false});
  });
  for (ElementUse &Use : Uses)
    Use.Write = Written.contains(Use.Access);
  return Uses;
}

/// The other side: a method of the class, not Method, that loads Counter
/// with an acquiring order and touches Array (writes it when Writes). The
/// load and the access, or nulls.
std::pair<const Expr *, const Expr *>
otherSide(const CXXMethodDecl &Method, const FieldDecl &Counter,
          const FieldDecl &Array, bool Writes) {
  for (const CXXMethodDecl *Other : Method.getParent()->methods()) {
    const FunctionDecl *Definition = nullptr;
    if (Other == &Method || !Other->hasBody(Definition))
      continue;
    const Expr *Load = nullptr;
    forEachDescendant(Definition->getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
          !Load && Call && atomicMemberOf(*Call, "load") == &Counter && acquires(*Call))
        Load = Call;
    });
    if (!Load)
      continue;
    for (const ElementUse &Use : elementUses(*Definition->getBody()))
      if (Use.Array == &Array && (Use.Write || !Writes))
        return {Load, Use.Access};
  }
  return {nullptr, nullptr};
}

} // namespace

llvm::SmallVector<ElementAfterHandOver, 1>
elementsTouchedAfterHandOver(const CXXMethodDecl &Method) {
  llvm::SmallVector<ElementAfterHandOver, 1> Found;
  const FunctionDecl *Definition = nullptr;
  if (!Method.isInstance() || !Method.hasBody(Definition))
    return Found;
  const Stmt &Body = *Definition->getBody();
  const SourceManager &SM = Method.getASTContext().getSourceManager();
  // `t = counter.load(..)` ... `counter.store(t + 1, release)`.
  struct Release {
    const CXXMemberCallExpr *Store;
    const FieldDecl *Counter;
    const VarDecl *Local;
  };
  llvm::SmallVector<Release, 2> Releases;
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Store = dyn_cast<CXXMemberCallExpr>(&S);
    const FieldDecl *Counter = Store ? atomicMemberOf(*Store, "store") : nullptr;
    if (!Counter || Store->getNumArgs() < 1 || isRelaxedAtomicCall(*Store))
      return;
    const VarDecl *Local = steppedLocal(Store->getArg(0));
    // `next = (h + 1) % N; head_.store(next)`: the step through a local.
    if (const VarDecl *From = Local && Local->getInit() && !isChangedWithin(Local, Body)
                                  ? steppedLocal(Local->getInit())
                                  : nullptr)
      Local = From;
    const auto *Init = Local && Local->getInit()
                           ? dyn_cast<CXXMemberCallExpr>(stripped(Local->getInit()))
                           : nullptr;
    if (!Init || atomicMemberOf(*Init, "load") != Counter ||
        isChangedWithin(Local, Body))
      return;
    Releases.push_back({Store, Counter, Local});
  });
  if (Releases.empty())
    return Found;
  for (const ElementUse &Use : elementUses(Body))
    for (const Release &R : Releases) {
      if (!Use.Index || !mentions(Use.Index, R.Local) ||
          !SM.isBeforeInTranslationUnit(R.Store->getEndLoc(), Use.Access->getBeginLoc()))
        continue;
      auto [Load, Access] = otherSide(Method, *R.Counter, *Use.Array, !Use.Write);
      if (!Load)
        continue;
      Found.push_back({Use.Access, Use.Write, R.Store, Use.Array, R.Counter, Load, Access});
      break;
    }
  return Found;
}

} // namespace clang::tidy::parlint
