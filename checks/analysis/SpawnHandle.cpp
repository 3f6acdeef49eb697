#include "SpawnHandle.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {
namespace {

// Nodes between a spawn and the code that uses its result which do not
// change what is held: temporaries, conversions, elided moves.
bool isTransparent(const Stmt &S) {
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return Construct->getNumArgs() == 1 &&
           Construct->getConstructor()->isCopyOrMoveConstructor();
  return isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             ParenExpr, ExprWithCleanups, CStyleCastExpr,
             CXXFunctionalCastExpr>(&S);
}

bool waits(const CXXMemberCallExpr &Call) {
  HandleOp Op = memberOp(Call.getMethodDecl());
  return Op == HandleOp::Join || Op == HandleOp::Wait;
}

bool isVoidCast(const Stmt &S) {
  const auto *Cast = dyn_cast<ExplicitCastExpr>(&S);
  return Cast && Cast->getType()->isVoidType();
}

/// Whether the value of the launch expression goes nowhere (SpawnSite::
/// Discarded).
bool isDiscarded(const Expr &Call, const FunctionAnalysis &Function) {
  const Stmt *Node = &Call;
  const Stmt *P = Function.parent(*Node);
  while (P && (isTransparent(*P) || isVoidCast(*P))) {
    Node = P;
    P = Function.parent(*Node);
  }
  if (!P)
    return false;
  if (isa<ReturnStmt, DeclStmt>(P))
    return false;
  if (!isa<Expr>(P))
    return true; // a statement of its own, or only a condition
  if (const auto *Member = dyn_cast<MemberExpr>(P)) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    HandleOp Op = memberOp(Method);
    return Op != HandleOp::Join && Op != HandleOp::Detach &&
           Op != HandleOp::Wait && !observesFutureResult(Method) &&
           identifierOf(Method) != "share";
  }
  if (const auto *Compare = dyn_cast<BinaryOperator>(P))
    return Compare->isComparisonOp();
  if (const auto *Not = dyn_cast<UnaryOperator>(P))
    return Not->getOpcode() == UO_LNot;
  return false;
}

} // namespace

bool isResultDiscarded(const Expr &Call, const FunctionAnalysis &Function) {
  return isDiscarded(Call, Function);
}

SpawnSite describeSpawn(const Launch &Spawn, const FunctionAnalysis &Function) {
  SpawnSite Site;
  Site.Spawn = &Spawn;
  Site.Discarded = isDiscarded(*Spawn.Call, Function);
  if (Spawn.Container) {
    Site.Holder = rootVariable(Spawn.Container);
    return Site;
  }
  if (Spawn.Kind == LaunchKind::PthreadCreate ||
      Spawn.Kind == LaunchKind::Process) {
    // pthread_create(&tid, ...), posix_spawn(&pid, ...); fork's pid is only
    // needed for waitpid, which isWaitedWithin looks for anywhere.
    const auto *Call = cast<CallExpr>(Spawn.Call);
    if (Call->getNumArgs() > 0)
      Site.Holder = rootVariable(Call->getArg(0));
    // posix_spawn(NULL, ...) keeps no pid: only wait() can reap the child.
    if (Spawn.Kind == LaunchKind::Process && Call->getNumArgs() > 0 &&
        !Site.Holder)
      Site.Discarded = true;
    else if (Spawn.Kind == LaunchKind::Process && Call->getNumArgs() > 0)
      Site.Discarded = false; // the return value is an error code
    if (Spawn.Kind == LaunchKind::Process && Call->getNumArgs() == 0) {
      // fork(): the pid goes to `pid_t pid = fork();` or `pid = fork()`.
      const Stmt *Node = Call;
      const Stmt *P = Function.parent(*Node);
      while (P && isTransparent(*P)) {
        Node = P;
        P = Function.parent(*Node);
      }
      if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(P))
        Site.Holder = dyn_cast_or_null<VarDecl>(Declaration->getSingleDecl());
      else if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(P);
               Assign && Assign->getOpcode() == BO_Assign &&
               Assign->getRHS() == Node)
        Site.Holder = rootVariable(Assign->getLHS());
    }
    return Site;
  }

  const Stmt *Node = Spawn.Call;
  const Stmt *P = Function.parent(*Node);
  while (P && isTransparent(*P)) {
    Node = P;
    P = Function.parent(*Node);
  }
  if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(P)) {
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Var->getInit() && Function.isWithin(*Node, *Var->getInit()))
        Site.Holder = Var;
    if (!Site.Holder)
      Site.Holder = dyn_cast_or_null<VarDecl>(Declaration->getSingleDecl());
    return Site;
  }
  if (!P || !isa<Expr>(P)) {
    // A discarded temporary: a future waits, a jthread joins, a std::thread
    // terminates the program, all before the next statement.
    Site.WaitedAtOnce = true;
    return Site;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(P)) {
    if (const auto *Call =
            dyn_cast_or_null<CXXMemberCallExpr>(Function.parent(*Member)))
      Site.WaitedAtOnce = waits(*Call);
    return Site;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(P)) {
    if (isStoringMethod(identifierOf(Call->getMethodDecl())))
      Site.Holder = rootVariable(Call->getImplicitObjectArgument());
    return Site;
  }
  const Expr *AssignedTo = nullptr;
  if (const auto *Binary = dyn_cast<BinaryOperator>(P)) {
    if (Binary->getOpcode() == BO_Assign && Binary->getRHS() == Node)
      AssignedTo = Binary->getLHS();
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(P)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        Op->getArg(1) == Node)
      AssignedTo = Op->getArg(0);
  }
  if (AssignedTo) {
    Site.Holder = rootVariable(AssignedTo);
    // `f = std::async(...)` destroys the previous future, which waits for
    // its task: at most one task of this statement runs at a time.
    bool PlainVariable = isa<DeclRefExpr>(AssignedTo->IgnoreParenImpCasts());
    Site.WaitedAtOnce = PlainVariable && Spawn.Kind == LaunchKind::Async;
  }
  return Site;
}

bool isWaitedWithin(const SpawnSite &Site, const Stmt &LoopBody,
                    ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  if (Site.WaitedAtOnce)
    return true;
  const LaunchKind Kind = Site.Spawn->Kind;
  if (Kind == LaunchKind::Process) {
    bool Waits = false;
    forEachDescendant(&LoopBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Call = dyn_cast<CallExpr>(&S))
        Waits |= freeFunctionOp(Call->getDirectCallee()) == HandleOp::Join ||
                 waitsForAnyChild(*Call);
    });
    return Waits;
  }
  const ValueDecl *Holder = Site.Holder;
  if (!Holder)
    return false;

  // The holder and the loop variables of range-fors over it.
  llvm::SmallPtrSet<const ValueDecl *, 4> Names{Holder};
  forEachDescendant(&LoopBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&S))
      if (rootVariable(RangeFor->getRangeInit()) == Holder)
        Names.insert(RangeFor->getLoopVariable());
  });
  bool Waits = false, Escapes = false;
  forEachDescendant(&LoopBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S)) {
      if (!Names.contains(rootVariable(Call->getImplicitObjectArgument())))
        return;
      HandleOp Op = memberOp(Call->getMethodDecl());
      Waits |= Op == HandleOp::Join || Op == HandleOp::Wait;
      Escapes |= Op == HandleOp::Detach;
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (Call->getNumArgs() == 0 ||
          !Names.contains(rootVariable(Call->getArg(0))))
        return;
      HandleOp Op = freeFunctionOp(Call->getDirectCallee());
      Waits |= Op == HandleOp::Join;
      Escapes |= isStdMove(*Call) || Op == HandleOp::Detach;
    }
  });
  if (Escapes)
    return false;
  if (Waits)
    return true;
  // A handle object that lives only for one iteration: its destructor waits
  // (std::jthread, a future from std::async) or terminates the program
  // (std::thread, whose missing join parlint-unjoined-thread reports).
  const auto *Var = dyn_cast<VarDecl>(Holder);
  return Var && Kind != LaunchKind::PthreadCreate &&
         Var->getType()->isRecordType() && isWithin(Var, &LoopBody, SM);
}

namespace {

// A return, or a break that is not owned by a nested loop or switch.
bool leavesLoop(const Stmt *S, bool InSwitch) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<ReturnStmt>(S))
    return true;
  if (isa<BreakStmt>(S))
    return !InSwitch;
  if (isLoop(S))
    return false; // its breaks are its own; a return inside still counts
  bool Switch = InSwitch || isa<SwitchStmt>(S);
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return leavesLoop(Child, Switch);
  });
}

} // namespace

bool stopsOnSpawnResult(const Launch &Spawn, const Stmt &LoopBody,
                        const FunctionAnalysis &Function) {
  // The result: the call, or the variable it is assigned to.
  const ValueDecl *Result = nullptr;
  const Stmt *Consumer = Function.parentIgnoringImplicit(*Spawn.Call);
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Consumer);
      Assign && Assign->getOpcode() == BO_Assign)
    Result = rootVariable(Assign->getLHS());
  else if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(Consumer))
    Result = dyn_cast_or_null<VarDecl>(Declaration->getSingleDecl());
  auto TestsResult = [&](const Expr *Condition) {
    return Condition && (Function.isWithin(*Spawn.Call, *Condition) ||
                         (Result && mentions(Condition, Result)));
  };
  bool Stops = false;
  forEachDescendant(&LoopBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *If = dyn_cast<IfStmt>(&S); If && TestsResult(If->getCond()))
      Stops |= leavesLoop(If->getThen(), false) || leavesLoop(If->getElse(), false);
    else if (const auto *Switch = dyn_cast<SwitchStmt>(&S);
             Switch && TestsResult(Switch->getCond()))
      Stops |= leavesLoop(Switch->getBody(), true);
  });
  return Stops;
}

} // namespace clang::tidy::parlint
