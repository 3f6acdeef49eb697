#include "LockKeys.h"
#include "LockScopes.h"
#include "../model/Synchronization.h"

namespace clang::tidy::parlint {

namespace {

/// Whether a declaration of this type is a mutex object or an array of
/// them (not a pointer or reference that may designate any mutex).
bool namesOwnMutex(QualType Type) {
  Type = Type.getCanonicalType();
  while (const ArrayType *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType().getCanonicalType();
  return !Type->isPointerType() && !Type->isReferenceType();
}

LockKeys keysOf(const Expr *Mutex) {
  LockKeys Keys;
  if (const ValueDecl *Key = lockKeyOf(Mutex))
    Keys.Keys.insert(Key);
  else
    Keys.Any = true;
  return Keys;
}

/// A guard or a mutex given to a condition variable's wait, or a guard
/// whose own lock() or unlock() is called.
LockKeys keysOfMutexOrGuard(const Expr *E) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (std::optional<LockKeys> Guarded = lockKeysOfGuard(*Var))
        return *Guarded;
  return keysOf(E);
}

} // namespace

const ValueDecl *lockKeyOf(const Expr *Mutex) {
  const Expr *E = Mutex->IgnoreParenImpCasts();
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    E = Address->getSubExpr()->IgnoreParenImpCasts();
  // An element stands for its array (`locks[i]`, `stripes_[h % N]`, `locks
  // + h`); a member of an element for that member (`&shards[k].mu`).
  for (;;) {
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      E = Subscript->getBase()->IgnoreParenImpCasts();
    else if (const auto *Sum = dyn_cast<BinaryOperator>(E);
             Sum && Sum->isAdditiveOp() && Sum->getLHS()->getType()->isPointerType())
      E = Sum->getLHS()->IgnoreParenImpCasts();
    else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
             Operator && Operator->getOperator() == OO_Subscript)
      E = Operator->getArg(0)->IgnoreParenImpCasts();
    else
      break;
  }
  const ValueDecl *Declared = nullptr;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    Declared = dyn_cast<FieldDecl>(Member->getMemberDecl());
  else if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    Declared = dyn_cast<VarDecl>(Ref->getDecl());
  return Declared && namesOwnMutex(Declared->getType()) ? Declared : nullptr;
}

std::optional<LockKeys> lockKeysOfGuard(const CXXConstructExpr &Construct) {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor || guardKindOf(Constructor->getParent()) == GuardKind::None)
    return std::nullopt;
  LockKeys Keys;
  for (const Expr *Arg : Construct.arguments())
    if (isMutexType(Arg->getType()))
      Keys.merge(keysOf(Arg));
  if (Keys.empty())
    Keys.Any = true;
  return Keys;
}

std::optional<LockKeys> lockKeysOfGuard(const VarDecl &Guard) {
  const CXXConstructExpr *Construct = nullptr;
  if (guardOf(Guard, Construct) == GuardKind::None)
    return std::nullopt;
  LockKeys Keys;
  if (Construct)
    for (const Expr *Arg : Construct->arguments())
      if (isMutexType(Arg->getType()))
        Keys.merge(keysOf(Arg));
  if (Keys.empty())
    Keys.Any = true;
  return Keys;
}

std::optional<LockKeys> lockKeysOfCall(const CallExpr &Call, ASTContext &Context) {
  if (const Expr *Lock = conditionWaitLock(Call))
    return keysOfMutexOrGuard(Lock);
  if (lockOpOf(Call) != LockOp::None) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
      return keysOfMutexOrGuard(Member->getImplicitObjectArgument());
    LockKeys Keys;
    Keys.Any = Call.getNumArgs() != 1;
    return Keys.Any ? Keys : keysOf(Call.getArg(0));
  }
  if (namedLockOpOf(Call) != LockOp::None) {
    LockKeys Keys;
    Keys.Any = true;
    return Keys;
  }
  IndirectLock Indirect = indirectLockOf(Call, Context);
  if (Indirect.Op == LockOp::None)
    return std::nullopt;
  if (Indirect.Object)
    return keysOf(Indirect.Object);
  LockKeys Keys;
  Keys.Any = true;
  return Keys;
}

} // namespace clang::tidy::parlint
