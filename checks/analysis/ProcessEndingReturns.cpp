#include "ProcessEndingReturns.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parlint {

namespace {

const FunctionDecl *functionOfBody(const Stmt &Body, ASTContext &Context) {
  for (const DynTypedNode &Parent : Context.getParents(Body))
    if (const auto *Function = Parent.get<FunctionDecl>())
      return Function;
  return nullptr;
}

const Stmt *parentOf(const Stmt &S, ASTContext &Context) {
  for (const DynTypedNode &Parent : Context.getParents(S))
    return Parent.get<Stmt>();
  return nullptr;
}

/// The first enclosing statement that is not a cast or parentheses, and
/// the child of it on the way.
std::pair<const Stmt *, const Stmt *> usingStatement(const Stmt &S, ASTContext &Context) {
  const Stmt *Child = &S;
  const Stmt *Parent = parentOf(S, Context);
  while (Parent && isa<ImplicitCastExpr, ParenExpr, ExplicitCastExpr, ExprWithCleanups>(Parent)) {
    Child = Parent;
    Parent = parentOf(*Parent, Context);
  }
  return {Parent, Child};
}

bool isMainFunction(const Stmt &S, ASTContext &Context) {
  for (const Stmt *Current = &S; Current; Current = parentOf(*Current, Context))
    for (const DynTypedNode &Parent : Context.getParents(*Current)) {
      if (const auto *Function = Parent.get<FunctionDecl>())
        return Function->isMain();
      if (Parent.get<LambdaExpr>())
        return false;
    }
  return false;
}

/// Whether running S ends the process before anything else branches away.
bool endsProcess(const Stmt *S, ASTContext &Context) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : Block->body()) {
      if (endsProcess(Child, Context))
        return true;
      if (isa<IfStmt, SwitchStmt, ForStmt, WhileStmt, DoStmt, ReturnStmt, BreakStmt,
              ContinueStmt, GotoStmt, CXXForRangeStmt>(Child))
        return false;
    }
    return false;
  }
  if (const auto *Return = dyn_cast<ReturnStmt>(S))
    return isMainFunction(*Return, Context);
  if (const auto *Call = dyn_cast<CallExpr>(S->IgnoreContainers())) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->isNoReturn();
  }
  return false;
}

/// The statements a switch runs for Value: from its case label (or the
/// default), as a compound of that case's statement and those after it.
bool switchEndsProcessFor(const SwitchStmt &Switch, const llvm::APSInt &Value,
                          ASTContext &Context) {
  const SwitchCase *Taken = nullptr;
  for (const SwitchCase *Case = Switch.getSwitchCaseList(); Case;
       Case = Case->getNextSwitchCase()) {
    if (const auto *Labelled = dyn_cast<CaseStmt>(Case)) {
      std::optional<llvm::APSInt> Label = Labelled->getLHS()->getIntegerConstantExpr(Context);
      if (!Label || Labelled->getRHS())
        return false;
      if (llvm::APSInt::isSameValue(*Label, Value))
        Taken = Case;
    } else if (!Taken) {
      Taken = Case; // default, unless a label matches
    }
  }
  if (!Taken)
    return false;
  const Stmt *First = Taken->getSubStmt();
  while (const auto *Nested = dyn_cast_or_null<SwitchCase>(First))
    First = Nested->getSubStmt();
  return endsProcess(First, Context);
}

/// Whether the caller's use of Call, given it returned Value, ends the
/// process at once.
bool callerEndsProcess(const CallExpr &Call, const llvm::APSInt &Value,
                       ASTContext &Context) {
  auto [User, Child] = usingStatement(Call, Context);
  std::optional<bool> Truth;
  if (const auto *Compare = dyn_cast_or_null<BinaryOperator>(User);
      Compare && Compare->isComparisonOp()) {
    const Expr *Other = Compare->getLHS() == Child ? Compare->getRHS() : Compare->getLHS();
    std::optional<llvm::APSInt> Constant = Other->getIntegerConstantExpr(Context);
    if (!Constant)
      return false;
    llvm::APSInt Left = Compare->getLHS() == Child ? Value : *Constant;
    llvm::APSInt Right = Compare->getLHS() == Child ? *Constant : Value;
    int Order = llvm::APSInt::compareValues(Left, Right);
    switch (Compare->getOpcode()) {
    case BO_EQ: Truth = Order == 0; break;
    case BO_NE: Truth = Order != 0; break;
    case BO_LT: Truth = Order < 0; break;
    case BO_GT: Truth = Order > 0; break;
    case BO_LE: Truth = Order <= 0; break;
    case BO_GE: Truth = Order >= 0; break;
    default: return false;
    }
    std::tie(User, Child) = usingStatement(*Compare, Context);
  } else if (const auto *Not = dyn_cast_or_null<UnaryOperator>(User);
             Not && Not->getOpcode() == UO_LNot) {
    Truth = Value == 0;
    std::tie(User, Child) = usingStatement(*Not, Context);
  }
  if (const auto *If = dyn_cast_or_null<IfStmt>(User); If && If->getCond() == Child)
    return endsProcess(Truth.value_or(Value != 0) ? If->getThen() : If->getElse(), Context);
  if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(User);
      Switch && !Truth && Switch->getCond() == Child)
    return switchEndsProcessFor(*Switch, Value, Context);
  return false;
}

} // namespace

bool returnEndsProcess(const ReturnStmt &Return, const FunctionAnalysis &Function) {
  ASTContext &Context = Function.context();
  const Expr *Returned = Return.getRetValue();
  const FunctionDecl *Callee = functionOfBody(Function.body(), Context);
  if (!Returned || !Callee || Callee->isMain() || Returned->isValueDependent())
    return false;
  std::optional<llvm::APSInt> Value = Returned->getIntegerConstantExpr(Context);
  if (!Value)
    return false;
  const FunctionDecl *Wanted = Callee->getCanonicalDecl();
  unsigned Calls = 0, Names = 0;
  bool Every = true;
  const SourceManager &SM = Context.getSourceManager();
  forEachOwnDecl(*Context.getTranslationUnitDecl(), SM, [&](const Decl &D) {
    const auto *Caller = dyn_cast<FunctionDecl>(&D);
    if (!Every || !Caller || !Caller->doesThisDeclarationHaveABody())
      return;
    forEachDescendant(Caller->getBody(), /*SkipLambdas=*/false, [&](const Stmt &S) {
      if (const auto *Ref = dyn_cast<DeclRefExpr>(&S);
          Ref && Ref->getDecl()->getAsFunction() &&
          Ref->getDecl()->getAsFunction()->getCanonicalDecl() == Wanted)
        ++Names;
      const auto *Call = dyn_cast<CallExpr>(&S);
      const FunctionDecl *Target = Call ? Call->getDirectCallee() : nullptr;
      if (!Every || !Target || Target->getCanonicalDecl() != Wanted)
        return;
      ++Calls;
      Every = callerEndsProcess(*Call, *Value, Context);
    });
  });
  // A name that is not a call's callee (its address taken): callers
  // parlint does not see.
  return Every && Calls > 0 && Names == Calls;
}

} // namespace clang::tidy::parlint
