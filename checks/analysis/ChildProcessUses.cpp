#include "ChildProcessUses.h"
#include "LoopBounds.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

namespace {

bool isSpawnCall(const FunctionDecl *Callee) {
  return isNamed(Callee, {"::posix_spawn", "::posix_spawnp"});
}

class Collector {
public:
  Collector(const FunctionAnalysis &Function, const VarDecl &Var,
            PidReturns Returns)
      : Function(Function), Var(Var),
        ReturnsEscape(Returns == PidReturns::Escape) {}

  ChildProcessUses run() {
    if (const Expr *Init = Var.getInit()) {
      const auto *Call = dyn_cast<CallExpr>(stripped(Init));
      if (Call && returnsChildPid(Call->getDirectCallee())) {
        Uses.Events.StartsAtDeclaration = true;
        Uses.Spawns.push_back(Call);
        Uses.Events.CheckedStarts.push_back(Call);
      }
    }
    forEachDescendant(&Function.body(), /*SkipLambdas=*/false,
                      [&](const Stmt &S) { visit(S); });
    return std::move(Uses);
  }

private:
  const FunctionAnalysis &Function;
  const VarDecl &Var;
  bool ReturnsEscape;
  ChildProcessUses Uses;

  void visit(const Stmt &S) {
    if (const auto *E = dyn_cast<Expr>(&S); E && E->containsErrors()) {
      Uses.Escapes = true;
      return;
    }
    if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
      for (const LambdaCapture &Capture : Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCapturedVar() == &Var)
          Uses.Escapes = true;
      return;
    }
    if (const auto *Call = dyn_cast<CallExpr>(&S); Call && waitsForAnyChild(*Call)) {
      // `for (i = 0; i < n; i++) wait(NULL);` after a loop that forks n
      // children: a loop of waits for any child reaps them all, even on the
      // paths where it seems to run no trip.
      if (const Stmt *Loop = loopAroundBody(*Call))
        Uses.Events.AtLoop[Loop] = HandleEffect::Finish;
      else
        Uses.Events.AtStmt[Call] = HandleEffect::Finish;
      return;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S); Ref && Ref->getDecl() == &Var)
      classify(*Ref);
  }

  /// The innermost loop whose body (not its condition) holds S, or null.
  const Stmt *loopAroundBody(const Stmt &S) const {
    const Stmt *Child = &S;
    for (const Stmt *Up = Function.parent(S); Up; Child = Up, Up = Function.parent(*Up)) {
      if (isa<LambdaExpr>(Up))
        return nullptr;
      if (isLoop(*Up))
        return loopBody(*Up) == Child ? Up : nullptr;
    }
    return nullptr;
  }

  void classify(const Expr &Use) {
    const Stmt *User = Function.parentIgnoringImplicit(Use);
    if (const auto *Return = dyn_cast_or_null<ReturnStmt>(User);
        Return && !ReturnsEscape) {
      Uses.Returns.push_back(Return);
      return;
    }
    if (isa_and_nonnull<ReturnStmt, DeclStmt>(User)) {
      Uses.Escapes = true; // returned, or copied into another variable
      return;
    }
    if (isStatementExpressionValue(Use, User)) {
      Uses.Escapes = true; // `({ pid_t p = vfork(); ...; p; })` hands it out
      return;
    }
    if (!User || !isa<Expr>(User))
      return; // a condition (`if (pid)`, `switch (pid)`), or a statement
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(User))
      return classify(*Cast); // `(long)pid` for printf
    if (const auto *Unary = dyn_cast<UnaryOperator>(User)) {
      if (Unary->getOpcode() == UO_AddrOf)
        return classifyAddress(*Unary);
      return; // !pid, -pid, ++pid
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(User)) {
      if (Binary->getOpcode() == BO_Assign &&
          stripped(Binary->getLHS()) == stripped(&Use)) {
        const auto *Call = dyn_cast<CallExpr>(stripped(Binary->getRHS()));
        if (Call && returnsChildPid(Call->getDirectCallee())) {
          Uses.Events.AtStmt[Call] = HandleEffect::Start;
          Uses.Spawns.push_back(Call);
          Uses.Events.CheckedStarts.push_back(Call);
          // `*child_pid = pid = fork()`: the caller has the pid too.
          if (storesValue(*Binary))
            Uses.Escapes = true;
        }
        return; // `pid = -1` after the wait: a new value, nothing to reap
      }
      if (Binary->getOpcode() == BO_Assign || Binary->getOpcode() == BO_Comma)
        Uses.Escapes = true; // copied into another variable
      return; // compared, computed with
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(User)) {
      if (Op->getOperator() != OO_LessLess)
        Uses.Escapes = true; // `jobs[pid]` keeps it
      return;               // `std::cout << pid` does not
    }
    if (const auto *Call = dyn_cast<CallExpr>(User))
      return classifyArgument(*Call, Use);
    Uses.Escapes = true;
  }

  /// Whether Use is the last statement of a GNU statement expression, whose
  /// value the expression hands to its context (busybox's xvfork() macro).
  bool isStatementExpressionValue(const Expr &Use, const Stmt *User) const {
    const auto *Block = dyn_cast_or_null<CompoundStmt>(User);
    if (!Block || Block->body_empty())
      return false;
    const auto *Last = dyn_cast<Expr>(Block->body_back());
    return Last && stripped(Last) == stripped(&Use) &&
           isa_and_nonnull<StmtExpr>(Function.parent(*Block));
  }

  /// Whether the value of an assignment is stored again: it is the value of
  /// another assignment or a variable's initializer.
  bool storesValue(const Expr &Assignment) const {
    const Stmt *User = Function.parentIgnoringImplicit(Assignment);
    if (isa_and_nonnull<DeclStmt>(User))
      return true;
    const auto *Outer = dyn_cast_or_null<BinaryOperator>(User);
    return Outer && Outer->isAssignmentOp() &&
           stripped(Outer->getRHS()) == stripped(&Assignment);
  }

  void classifyArgument(const CallExpr &Call, const Expr &Use) {
    const FunctionDecl *Callee = Call.getDirectCallee();
    if (const Expr *Waited = waitedPidArgument(Call);
        Waited && stripped(Waited) == stripped(&Use)) {
      Uses.Events.AtStmt[&Call] = HandleEffect::Finish;
      return;
    }
    if (freeFunctionOp(Callee) == HandleOp::Query)
      return; // kill(pid, SIGTERM): the child still needs a wait
    if (Callee && Callee->isVariadic())
      for (unsigned I = Callee->getNumParams(); I < Call.getNumArgs(); ++I)
        if (stripped(Call.getArg(I)) == stripped(&Use))
          return; // printf("%d", pid)
    Uses.Escapes = true;
  }

  void classifyAddress(const UnaryOperator &Address) {
    const auto *Call =
        dyn_cast_or_null<CallExpr>(Function.parentIgnoringImplicit(Address));
    if (!Call || !isSpawnCall(Call->getDirectCallee()) ||
        Call->getNumArgs() == 0 ||
        Call->getArg(0)->IgnoreParenImpCasts() != &Address) {
      Uses.Escapes = true;
      return;
    }
    Uses.Spawns.push_back(Call);
    Uses.Events.AtStmt[Call] = HandleEffect::Start;
    Uses.Events.CheckedStarts.push_back(Call);
  }
};

} // namespace

ChildProcessUses collectChildProcessUses(const FunctionAnalysis &Function,
                                         const VarDecl &Var,
                                         PidReturns Returns) {
  return Collector(Function, Var, Returns).run();
}

namespace {
/// The fd array or variable a pipe()/pipe2()/socketpair() call fills.
const ValueDecl *channelFilledBy(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (isNamed(Callee, {"::pipe", "::pipe2"}) && Call.getNumArgs() >= 1)
    return rootVariable(Call.getArg(0));
  if (isNamed(Callee, {"::socketpair"}) && Call.getNumArgs() == 4)
    return rootVariable(Call.getArg(3));
  return nullptr;
}

/// Whether an assignment's target outlives the function: a global, a
/// member, or an object reached through a pointer or reference.
bool outlivesFunction(const Expr *Target) {
  Target = Target->IgnoreParenImpCasts();
  if (isa<MemberExpr>(Target))
    return true;
  if (const auto *Unary = dyn_cast<UnaryOperator>(Target);
      Unary && Unary->getOpcode() == UO_Deref)
    return true;
  if (isa<ArraySubscriptExpr>(Target))
    return outlivesFunction(cast<ArraySubscriptExpr>(Target)->getBase());
  const auto *Ref = dyn_cast<DeclRefExpr>(Target);
  if (!Ref)
    return false;
  if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
    return !Var->hasLocalStorage() || Var->getType()->isReferenceType();
  return false;
}
} // namespace

bool keepsChannelToChild(const FunctionAnalysis &Function) {
  llvm::SmallVector<const ValueDecl *, 2> Channels;
  forEachDescendant(&Function.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      if (const ValueDecl *Channel = channelFilledBy(*Call))
        Channels.push_back(Channel);
  });
  if (Channels.empty())
    return false;
  auto MentionsChannel = [&](const Stmt *S) {
    return llvm::any_of(Channels, [&](const ValueDecl *Channel) {
      return mentions(S, Channel);
    });
  };
  bool Kept = false;
  forEachDescendant(&Function.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Return = dyn_cast<ReturnStmt>(&S))
      Kept |= Return->getRetValue() && MentionsChannel(Return->getRetValue());
    if (const auto *Assign = dyn_cast<BinaryOperator>(&S);
        Assign && Assign->getOpcode() == BO_Assign)
      Kept |= MentionsChannel(Assign->getRHS()) &&
              outlivesFunction(Assign->getLHS());
  });
  return Kept;
}

} // namespace clang::tidy::parlint
