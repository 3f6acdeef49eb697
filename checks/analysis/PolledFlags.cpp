#include "PolledFlags.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"
#include "DataBranches.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <optional>

namespace clang::tidy::parlint {

namespace {

/// The atomic local variable a load reads: `flag.load(..)`, or `flag` read
/// through its conversion operator.
const VarDecl *flagLoadedBy(const Expr &Load) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(stripped(&Load));
  if (!Call || Call->getNumArgs() > 1)
    return nullptr;
  const auto *Method = Call->getMethodDecl();
  if (!Method || !(identifierOf(Method) == "load" || isa<CXXConversionDecl>(Method)))
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->isLocalVarDecl() || !isAtomicType(Var->getType()))
    return nullptr;
  return Var;
}

std::optional<int64_t> constantOf(const Expr *E, const ASTContext &Context) {
  E = stripped(E);
  if (!E || E->isValueDependent())
    return std::nullopt;
  if (std::optional<llvm::APSInt> Value = E->getIntegerConstantExpr(Context))
    return Value->getExtValue();
  return std::nullopt;
}

/// The flag's initial value: `std::atomic<bool> up{true}`, `(true)`, `= true`.
std::optional<int64_t> initialValueOf(const VarDecl &Flag, const ASTContext &Context) {
  const Expr *Init = Flag.getInit() ? stripped(Flag.getInit()) : nullptr;
  if (const auto *List = dyn_cast_or_null<InitListExpr>(Init); List && List->getNumInits() == 1)
    Init = stripped(List->getInit(0));
  if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
      Construct && Construct->getNumArgs() == 1)
    Init = stripped(Construct->getArg(0));
  return constantOf(Init, Context);
}

/// The one constant every store into Flag writes; nullopt when some use of
/// the flag is anything but a load or a store of one constant (its address
/// taken, a read-modify-write, a store of a variable).
std::optional<int64_t> storedValueOf(const VarDecl &Flag, const FunctionAnalysis &Owner) {
  const ASTContext &Context = Owner.context();
  std::optional<int64_t> Stored;
  bool Other = false;
  forEachDescendant(&Owner.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    if (Other || !Ref || Ref->getDecl() != &Flag)
      return;
    const Stmt *Up = Owner.parentIgnoringImplicit(*Ref);
    // A lambda capture names the flag; its uses are visited on their own.
    if (Up && isa<LambdaExpr>(Up))
      return;
    const auto *Member = dyn_cast_or_null<MemberExpr>(Up);
    const Stmt *Call = Member ? Owner.parentIgnoringImplicit(*Member) : Up;
    const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(Call);
    const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Up);
    std::optional<int64_t> Value;
    if (MemberCall && flagLoadedBy(*MemberCall) == &Flag)
      return;
    if (MemberCall && identifierOf(MemberCall->getMethodDecl()) == "store" &&
        MemberCall->getNumArgs() >= 1)
      Value = constantOf(MemberCall->getArg(0), Context);
    else if (Operator && Operator->getOperator() == OO_Equal &&
             Operator->getNumArgs() == 2)
      Value = constantOf(Operator->getArg(1), Context);
    else {
      Other = true;
      return;
    }
    if (!Value || (Stored && *Stored != *Value))
      Other = true;
    else
      Stored = Value;
  });
  if (Other)
    return std::nullopt;
  return Stored;
}

/// The condition's truth when the flag holds Value; nullopt when unknown.
std::optional<bool> truthWith(const Expr *Condition, const VarDecl &Flag,
                              int64_t Value, const ASTContext &Context) {
  const Expr *E = stripped(Condition);
  if (!E)
    return std::nullopt;
  if (flagLoadedBy(*E) == &Flag)
    return Value != 0;
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot) {
    if (auto Inner = truthWith(Not->getSubExpr(), Flag, Value, Context))
      return !*Inner;
    return std::nullopt;
  }
  const auto *Binary = dyn_cast<BinaryOperator>(E);
  if (!Binary)
    return std::nullopt;
  auto Left = truthWith(Binary->getLHS(), Flag, Value, Context);
  auto Right = truthWith(Binary->getRHS(), Flag, Value, Context);
  switch (Binary->getOpcode()) {
  case BO_LAnd:
    if ((Left && !*Left) || (Right && !*Right))
      return false;
    return Left && Right ? std::optional<bool>(true) : std::nullopt;
  case BO_LOr:
    if ((Left && *Left) || (Right && *Right))
      return true;
    return Left && Right ? std::optional<bool>(false) : std::nullopt;
  case BO_EQ:
  case BO_NE: {
    const Expr *Loaded = flagLoadedBy(*Binary->getLHS()) == &Flag ? Binary->getLHS()
                         : flagLoadedBy(*Binary->getRHS()) == &Flag ? Binary->getRHS()
                                                                    : nullptr;
    if (!Loaded)
      return std::nullopt;
    auto K = constantOf(Loaded == Binary->getLHS() ? Binary->getRHS() : Binary->getLHS(),
                        Context);
    if (!K)
      return std::nullopt;
    return (Value == *K) == (Binary->getOpcode() == BO_EQ);
  }
  default:
    return std::nullopt;
  }
}


} // namespace

bool pollSeesOnlyInitialValue(const Expr &Load, const Stmt &Loop,
                              const FunctionAnalysis &Owner) {
  const Expr *Condition = conditionOf(Loop);
  const VarDecl *Flag = flagLoadedBy(Load);
  if (!Condition || !Flag || !Owner.isWithin(Load, *Condition))
    return false;
  const ASTContext &Context = Owner.context();
  std::optional<int64_t> Initial = initialValueOf(*Flag, Context);
  std::optional<int64_t> Stored = storedValueOf(*Flag, Owner);
  if (!Initial || !Stored || *Initial == *Stored)
    return false;
  // The store ends the loop: each trip of the body saw the initial value.
  std::optional<bool> WithStored = truthWith(Condition, *Flag, *Stored, Context);
  return WithStored && !*WithStored;
}

} // namespace clang::tidy::parlint
