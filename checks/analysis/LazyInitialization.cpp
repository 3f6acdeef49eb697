#include "LazyInitialization.h"
#include "../common/AstHelpers.h"

#include "clang/AST/Expr.h"

namespace clang::tidy::parlint {

namespace {

bool designates(const Expr *E, const ObjectPath &Written) {
  E = stripped(E);
  if (auto Path = objectPathOf(E); Path && *Path == Written)
    return true;
  // `long v = g_size; if (v == 0)`: a local copy of the object's value.
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Copy = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Copy || !Copy->isLocalVarDecl() || Copy->getType()->isReferenceType() ||
      !Copy->getInit())
    return false;
  auto Copied = objectPathOf(stripped(Copy->getInit()));
  return Copied && *Copied == Written;
}

bool isConstant(const Expr *E, ASTContext &Context) {
  E = stripped(E);
  if (isa<CXXNullPtrLiteralExpr, GNUNullExpr, CXXBoolLiteralExpr>(E))
    return true;
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  if (isa<FloatingLiteral>(E))
    return true;
  if (const auto *Minus = dyn_cast<UnaryOperator>(E);
      Minus && Minus->getOpcode() == UO_Minus &&
      isa<FloatingLiteral>(stripped(Minus->getSubExpr())))
    return true;
  return E->isIntegerConstantExpr(Context);
}

/// Whether Condition tests whether Written is still unset: the object
/// itself as a truth value (`!table`, `if (ready)`), compared with a
/// constant (`cache_ == nullptr`, `hash_ == 0`, `norm_ < 0`), or asked `empty()` /
/// `has_value()`; or a && / || of conditions one of which does. A
/// comparison with another object (`offset < total`) is a bound, not a
/// first use.
bool testsUnset(const Expr *Condition, const ObjectPath &Written,
                ASTContext &Context) {
  const Expr *E = stripped(Condition);
  if (designates(E, Written))
    return true;
  if (const auto *Not = dyn_cast<UnaryOperator>(E);
      Not && Not->getOpcode() == UO_LNot)
    return testsUnset(Not->getSubExpr(), Written, Context);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    if (Binary->isLogicalOp())
      return testsUnset(Binary->getLHS(), Written, Context) ||
             testsUnset(Binary->getRHS(), Written, Context);
    // A sentinel below the values the object takes once set (`norm_ < 0`
    // for a norm not yet computed) tests it like `== 0`.
    if (Binary->isEqualityOp() || Binary->isRelationalOp())
      return (designates(Binary->getLHS(), Written) &&
              isConstant(Binary->getRHS(), Context)) ||
             (designates(Binary->getRHS(), Written) &&
              isConstant(Binary->getLHS(), Context));
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    StringRef Name = identifierOf(Call->getMethodDecl());
    return (Name == "empty" || Name == "has_value") &&
           designates(Call->getImplicitObjectArgument(), Written);
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getNumArgs() == 2 &&
      (Op->getOperator() == OO_EqualEqual || Op->getOperator() == OO_ExclaimEqual))
    return (designates(Op->getArg(0), Written) && isConstant(Op->getArg(1), Context)) ||
           (designates(Op->getArg(1), Written) && isConstant(Op->getArg(0), Context));
  return false;
}

} // namespace

bool isLazyInitialization(const FunctionAnalysis &Body, const Stmt &Write,
                          const ObjectPath &Written) {
  return Body.isUnderTest(Write, [&](const Expr &Condition, bool) {
    return testsUnset(&Condition, Written, Body.context());
  });
}

} // namespace clang::tidy::parlint
