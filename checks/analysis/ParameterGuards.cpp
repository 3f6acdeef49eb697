#include "ParameterGuards.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {

namespace {

class GuardReader {
public:
  GuardReader(const FunctionDecl &Function, ASTContext &Context)
      : Function(Function), Context(Context) {}

  /// Whether Condition tests a parameter against a constant, or is one.
  bool testsParameter(const Expr *Condition) const {
    if (!Condition)
      return false;
    const Expr *Plain = stripped(Condition);
    if (const auto *Not = dyn_cast<UnaryOperator>(Plain);
        Not && Not->getOpcode() == UO_LNot)
      Plain = stripped(Not->getSubExpr());
    if (isParameter(Plain))
      return true; // `if (flag)`, `if (!out)`, `switch (kind)`
    bool Found = false;
    forEachDescendant(Condition, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (Found)
        return;
      if (const auto *Compare = dyn_cast<BinaryOperator>(&S);
          Compare && Compare->isComparisonOp())
        Found = againstConstant(Compare->getLHS(), Compare->getRHS());
      else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S);
               Op && Op->getNumArgs() == 2 &&
               (Op->getOperator() == OO_EqualEqual ||
                Op->getOperator() == OO_ExclaimEqual))
        Found = againstConstant(Op->getArg(0), Op->getArg(1));
    });
    return Found;
  }

private:
  const FunctionDecl &Function;
  ASTContext &Context;

  bool isParameter(const Expr *E) const {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    return Param && Param->getDeclContext() == &Function;
  }
  bool isConstant(const Expr *E) const {
    E = stripped(E);
    if (isa<StringLiteral, CXXNullPtrLiteralExpr, GNUNullExpr>(E))
      return true;
    return !E->isValueDependent() && !E->isTypeDependent() &&
           E->getType()->isIntegralOrEnumerationType() &&
           E->isIntegerConstantExpr(Context);
  }
  bool againstConstant(const Expr *A, const Expr *B) const {
    return (isParameter(A) && isConstant(B)) || (isParameter(B) && isConstant(A));
  }
};

/// The guard Condition makes when it evaluates to Truth, if it is a test of
/// an integral parameter of Function against a constant (or the parameter
/// alone).
std::optional<ParameterGuard> simpleGuard(const Expr *Condition, bool Truth,
                                          const FunctionDecl &Function,
                                          const ASTContext &Context) {
  const Expr *Plain = stripped(Condition);
  while (const auto *Not = dyn_cast<UnaryOperator>(Plain)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Truth = !Truth;
    Plain = stripped(Not->getSubExpr());
  }
  auto ParamOf = [&](const Expr *E) -> const ParmVarDecl * {
    const auto *Ref = dyn_cast_or_null<DeclRefExpr>(stripped(E));
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    return Param && Param->getDeclContext() == &Function &&
                   Param->getType()->isIntegralOrEnumerationType()
               ? Param
               : nullptr;
  };
  auto ConstantOf = [&](const Expr *E) -> std::optional<int64_t> {
    E = stripped(E);
    if (E->isValueDependent() || !E->getType()->isIntegralOrEnumerationType())
      return std::nullopt;
    if (auto Value = E->getIntegerConstantExpr(Context))
      return Value->getExtValue();
    return std::nullopt;
  };
  if (const ParmVarDecl *Param = ParamOf(Plain)) // `if (flag)`: flag != 0
    return ParameterGuard{Param->getFunctionScopeIndex(), 0, !Truth};
  const auto *Compare = dyn_cast<BinaryOperator>(Plain);
  if (!Compare || !Compare->isEqualityOp())
    return std::nullopt;
  const ParmVarDecl *Param = ParamOf(Compare->getLHS());
  std::optional<int64_t> Value = ConstantOf(Compare->getRHS());
  if (!Param) {
    Param = ParamOf(Compare->getRHS());
    Value = ConstantOf(Compare->getLHS());
  }
  if (!Param || !Value)
    return std::nullopt;
  bool Equal = Compare->getOpcode() == BO_EQ ? Truth : !Truth;
  return ParameterGuard{Param->getFunctionScopeIndex(), *Value, Equal};
}

/// A branch that leaves the enclosing block: return, throw, break, continue,
/// goto, or a block that ends with one.
bool leaves(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && leaves(Block->body_back());
  return isa_and_nonnull<ReturnStmt, CXXThrowExpr, BreakStmt, ContinueStmt,
                         GotoStmt>(S);
}

/// Whether Case, a label directly in Switch's body, is reached only by
/// jumping to it: first in the body, or after a statement that leaves.
bool enteredOnlyByLabel(const CaseStmt &Case, const SwitchStmt &Switch) {
  const auto *Block = dyn_cast_or_null<CompoundStmt>(Switch.getBody());
  if (!Block)
    return false;
  const Stmt *Before = nullptr;
  for (const Stmt *Item : Block->body()) {
    if (Item == &Case)
      return !Before || leaves(Before);
    Before = Item;
  }
  return false;
}

} // namespace

bool isGuardedByParameterTest(const FunctionAnalysis &Body, const Stmt &S,
                              const FunctionDecl &Function) {
  GuardReader Reader(Function, Body.context());
  // The `case` label S lies under, on the way up to its switch.
  const CaseStmt *Case = nullptr;
  bool SeveralCases = false;
  const Stmt *Child = &S;
  for (const Stmt *Parent = Body.parent(S); Parent;
       Child = Parent, Parent = Body.parent(*Parent)) {
    if (const auto *Label = dyn_cast<CaseStmt>(Parent);
        Label && Label->getSubStmt() == Child) {
      SeveralCases |= Case != nullptr;
      Case = Label;
    }
    const Expr *Condition = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(Parent); If && If->getCond() != Child)
      Condition = If->getCond();
    else if (const auto *Choice = dyn_cast<ConditionalOperator>(Parent);
             Choice && Choice->getCond() != Child)
      Condition = Choice->getCond();
    else if (const auto *Switch = dyn_cast<SwitchStmt>(Parent);
             Switch && Switch->getCond() != Child)
      Condition = Switch->getCond();
    else if (const auto *Logic = dyn_cast<BinaryOperator>(Parent);
             Logic && Logic->isLogicalOp() && Logic->getRHS() == Child)
      Condition = Logic->getLHS();
    if (Reader.testsParameter(Condition))
      return true;
    // `if (id != -1) return;` earlier in the same block.
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent))
      for (const Stmt *Sibling : Block->body()) {
        if (Sibling == Child)
          break;
        const auto *If = dyn_cast<IfStmt>(Sibling);
        if (If && (leaves(If->getThen()) || leaves(If->getElse())) &&
            Reader.testsParameter(If->getCond()))
          return true;
      }
    if (Parent == &Body.body())
      break;
  }
  return false;
}

} // namespace clang::tidy::parlint

namespace clang::tidy::parlint {

std::optional<bool> ParameterGuard::holdsFor(const Expr &Arg,
                                             const ASTContext &Context) const {
  const Expr *E = Arg.IgnoreParenImpCasts();
  if (E->isValueDependent() || !E->getType()->isIntegralOrEnumerationType())
    return std::nullopt;
  auto Constant = E->getIntegerConstantExpr(Context);
  if (!Constant)
    return std::nullopt;
  return (Constant->getExtValue() == Value) == Equal;
}

std::optional<ParameterGuard> parameterGuardOf(const FunctionAnalysis &Body,
                                               const Stmt &S,
                                               const FunctionDecl &Function) {
  GuardReader Reader(Function, Body.context());
  std::optional<ParameterGuard> Found;
  bool Several = false;
  auto Note = [&](const Expr *Condition, bool Truth) {
    if (!Reader.testsParameter(Condition))
      return;
    auto Guard = simpleGuard(Condition, Truth, Function, Body.context());
    Several |= Found.has_value() || !Guard;
    Found = Guard;
  };
  // The `case` label S lies under, on the way up to its switch.
  const CaseStmt *Case = nullptr;
  bool SeveralCases = false;
  const Stmt *Child = &S;
  for (const Stmt *Parent = Body.parent(S); Parent;
       Child = Parent, Parent = Body.parent(*Parent)) {
    if (const auto *Label = dyn_cast<CaseStmt>(Parent);
        Label && Label->getSubStmt() == Child) {
      SeveralCases |= Case != nullptr;
      Case = Label;
    }
    if (const auto *If = dyn_cast<IfStmt>(Parent); If && If->getCond() != Child)
      Note(If->getCond(), If->getThen() == Child);
    else if (const auto *Choice = dyn_cast<ConditionalOperator>(Parent);
             Choice && Choice->getCond() != Child)
      Note(Choice->getCond(), Choice->getTrueExpr() == Child);
    else if (const auto *Switch = dyn_cast<SwitchStmt>(Parent);
             Switch && Switch->getCond() != Child && Reader.testsParameter(Switch->getCond())) {
      // `switch (key) { ... case KEY_ESCAPE: g->quit = 1; ...}`: one label
      // that nothing falls into picks S's path, as `key == KEY_ESCAPE` would.
      auto Guard = Case && !SeveralCases && !Case->getRHS() &&
                           enteredOnlyByLabel(*Case, *Switch)
                       ? simpleGuard(Switch->getCond(), true, Function,
                                     Body.context())
                       : std::nullopt;
      auto Value = Guard && Guard->Value == 0 && !Guard->Equal
                       ? Case->getLHS()->getIntegerConstantExpr(Body.context())
                       : std::nullopt;
      if (Value) {
        Several |= Found.has_value();
        Found = ParameterGuard{Guard->Param, Value->getExtValue(), true};
      } else {
        Several = true;
      }
      Case = nullptr;
    }
    else if (const auto *Logic = dyn_cast<BinaryOperator>(Parent);
             Logic && Logic->isLogicalOp() && Logic->getRHS() == Child)
      Note(Logic->getLHS(), Logic->getOpcode() == BO_LAnd);
    if (const auto *Block = dyn_cast<CompoundStmt>(Parent))
      for (const Stmt *Sibling : Block->body()) {
        if (Sibling == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(Sibling)) {
          // `if (!verbose) return;`: what follows runs when it is false.
          if (leaves(If->getThen()))
            Note(If->getCond(), false);
          else if (leaves(If->getElse()))
            Note(If->getCond(), true);
        }
      }
    if (Parent == &Body.body())
      break;
  }
  if (Several)
    return std::nullopt;
  return Found;
}

} // namespace clang::tidy::parlint
