#include "UnboundedSpawnHandles.h"
#include "UnboundedSpawnAst.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint::spawn {
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

bool isWaitMethod(StringRef Name) {
  return Name == "join" || Name == "get" || Name == "wait";
}

StringRef methodName(const CXXMemberCallExpr &Call) {
  const auto *Method = Call.getMethodDecl();
  if (!Method || !Method->getDeclName().isIdentifier())
    return {};
  return Method->getName();
}

bool isStoringMethod(StringRef Name) {
  return Name == "push_back" || Name == "emplace_back" ||
         Name == "push_front" || Name == "emplace_front" || Name == "insert" ||
         Name == "emplace" || Name == "push" || Name == "try_emplace" ||
         Name == "insert_or_assign";
}

bool isStdMove(const CallExpr &Call) {
  return isNamed(Call.getDirectCallee(), {"::std::move"});
}

} // namespace

SpawnSite describeSpawn(const Expr &Spawn, SpawnKind Kind, ASTContext &Ctx) {
  SpawnSite Site;
  Site.Spawn = &Spawn;
  Site.Kind = Kind;
  if (const auto *Emplace = dyn_cast<CXXMemberCallExpr>(&Spawn)) {
    Site.Holder = rootVariable(Emplace->getImplicitObjectArgument());
    return Site;
  }
  if (Kind == SpawnKind::PthreadCreate || Kind == SpawnKind::Process) {
    // pthread_create(&tid, ...), posix_spawn(&pid, ...); fork's pid is only
    // needed for waitpid, which isWaitedWithin looks for anywhere.
    const auto *Call = cast<CallExpr>(&Spawn);
    if (Call->getNumArgs() > 0)
      Site.Holder = rootVariable(Call->getArg(0));
    return Site;
  }

  const Stmt *Node = &Spawn;
  DynTypedNode Parent = parentNode(*Node, Ctx);
  while (const Stmt *P = Parent.get<Stmt>()) {
    if (!isTransparent(*P))
      break;
    Node = P;
    Parent = parentNode(*Node, Ctx);
  }
  if (const auto *Var = Parent.get<VarDecl>()) {
    Site.Holder = Var;
    return Site;
  }
  const Stmt *P = Parent.get<Stmt>();
  if (!P || !isa<Expr>(P)) {
    // A discarded temporary: a future waits, a jthread joins, a std::thread
    // terminates the program, all before the next statement.
    Site.WaitedAtOnce = true;
    return Site;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(P)) {
    if (const auto *Call =
            dyn_cast_or_null<CXXMemberCallExpr>(parentStmt(*Member, Ctx)))
      Site.WaitedAtOnce = isWaitMethod(methodName(*Call));
    return Site;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(P)) {
    if (isStoringMethod(methodName(*Call)))
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
    Site.WaitedAtOnce = PlainVariable && Kind == SpawnKind::Async;
  }
  return Site;
}

bool isWaitedWithin(const SpawnSite &Site, const Stmt &LoopBody,
                    ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (Site.WaitedAtOnce)
    return true;
  if (Site.Kind == SpawnKind::Process) {
    bool Waits = false;
    forEachDescendant(&LoopBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Call = dyn_cast<CallExpr>(&S))
        Waits |= isNamed(Call->getDirectCallee(),
                         {"::wait", "::waitpid", "::waitid", "::wait3",
                          "::wait4"});
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
      StringRef Name = methodName(*Call);
      Waits |= isWaitMethod(Name);
      Escapes |= Name == "detach";
    } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (Call->getNumArgs() == 0)
        return;
      const ValueDecl *Arg = rootVariable(Call->getArg(0));
      if (!Names.contains(Arg))
        return;
      Waits |= isNamed(Call->getDirectCallee(), {"::pthread_join"});
      Escapes |= isStdMove(*Call) ||
                 isNamed(Call->getDirectCallee(), {"::pthread_detach"});
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
  return Var && Site.Kind != SpawnKind::PthreadCreate &&
         Var->getType()->isRecordType() && isWithin(Var, &LoopBody, SM);
}

} // namespace clang::tidy::parlint::spawn
