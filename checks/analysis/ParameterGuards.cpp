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

/// A branch that leaves the enclosing block: return, throw, break, continue,
/// goto, or a block that ends with one.
bool leaves(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && leaves(Block->body_back());
  return isa_and_nonnull<ReturnStmt, CXXThrowExpr, BreakStmt, ContinueStmt,
                         GotoStmt>(S);
}

} // namespace

bool isGuardedByParameterTest(const FunctionAnalysis &Body, const Stmt &S,
                              const FunctionDecl &Function) {
  GuardReader Reader(Function, Body.context());
  const Stmt *Child = &S;
  for (const Stmt *Parent = Body.parent(S); Parent;
       Child = Parent, Parent = Body.parent(*Parent)) {
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
