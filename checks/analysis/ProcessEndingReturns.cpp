#include "ProcessEndingReturns.h"
#include "../common/AstHelpers.h"

#include "clang/AST/ASTContext.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::parlint {

namespace {

/// The function whose body Body is (found among the translation unit's
/// own functions, as FunctionAnalysis::isMainBody does for main).
const FunctionDecl *functionOfBody(const Stmt &Body, ASTContext &Context) {
  const FunctionDecl *Found = nullptr;
  forEachOwnDecl(*Context.getTranslationUnitDecl(), Context.getSourceManager(),
                 [&](const Decl &D) {
                   if (const auto *Function = dyn_cast<FunctionDecl>(&D);
                       !Found && Function && Function->getBody() == &Body)
                     Found = Function;
                 });
  return Found;
}

/// The first statement around S (in the caller's body) that is not a cast
/// or parentheses, and the child of it on the way.
std::pair<const Stmt *, const Stmt *> usingStatement(const Stmt &S,
                                                     const FunctionAnalysis &Caller) {
  const Stmt *Child = &S;
  const Stmt *Parent = Caller.parent(S);
  while (Parent && isa<ImplicitCastExpr, ParenExpr, ExplicitCastExpr, ExprWithCleanups>(Parent)) {
    Child = Parent;
    Parent = Caller.parent(*Parent);
  }
  return {Parent, Child};
}

/// Whether running S, a statement of Caller, ends the process before
/// anything else branches away.
bool endsProcess(const Stmt *S, const FunctionAnalysis &Caller, bool CallerIsMain) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Child : Block->body()) {
      if (endsProcess(Child, Caller, CallerIsMain))
        return true;
      if (isa<IfStmt, SwitchStmt, ForStmt, WhileStmt, DoStmt, ReturnStmt, BreakStmt,
              ContinueStmt, GotoStmt, CXXForRangeStmt>(Child))
        return false;
    }
    return false;
  }
  if (const auto *Return = dyn_cast<ReturnStmt>(S))
    return CallerIsMain && !Caller.enclosingLambda(*Return);
  if (const auto *Call = dyn_cast<CallExpr>(S->IgnoreContainers())) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->isNoReturn();
  }
  return false;
}

/// The statements a switch runs for Value: from its case label (or the
/// default), as a compound of that case's statement and those after it.
bool switchEndsProcessFor(const SwitchStmt &Switch, const llvm::APSInt &Value,
                          const FunctionAnalysis &Caller, bool CallerIsMain) {
  ASTContext &Context = Caller.context();
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
  return endsProcess(First, Caller, CallerIsMain);
}

/// Whether the caller's use of Call, given it returned Value, ends the
/// process at once.
bool callerEndsProcess(const CallExpr &Call, const llvm::APSInt &Value,
                       const FunctionAnalysis &Caller, bool CallerIsMain) {
  ASTContext &Context = Caller.context();
  auto [User, Child] = usingStatement(Call, Caller);
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
    std::tie(User, Child) = usingStatement(*Compare, Caller);
  } else if (const auto *Not = dyn_cast_or_null<UnaryOperator>(User);
             Not && Not->getOpcode() == UO_LNot) {
    Truth = Value == 0;
    std::tie(User, Child) = usingStatement(*Not, Caller);
  }
  if (const auto *If = dyn_cast_or_null<IfStmt>(User); If && If->getCond() == Child)
    return endsProcess(Truth.value_or(Value != 0) ? If->getThen() : If->getElse(), Caller,
                       CallerIsMain);
  if (const auto *Switch = dyn_cast_or_null<SwitchStmt>(User);
      Switch && !Truth && Switch->getCond() == Child)
    return switchEndsProcessFor(*Switch, Value, Caller, CallerIsMain);
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
    const FunctionAnalysis *Code = nullptr; // built at its first call of the callee
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
      if (!Code)
        Code = &AnalysisCache::of(*Caller->getBody(), Context);
      Every = callerEndsProcess(*Call, *Value, *Code, Caller->isMain());
    });
  });
  // A name that is not a call's callee (its address taken): callers
  // parlint does not see.
  return Every && Calls > 0 && Names == Calls;
}

} // namespace clang::tidy::parlint
