#include "DiscardedFutureCheck.h"
#include "../analysis/HandleUses.h"
#include "../analysis/ReturnedWorkers.h"
#include "../analysis/SpawnHandle.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Launch.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

namespace {

/// Whether S runs once per iteration of a loop of the body that holds it.
bool isInLoop(const Stmt &S, const FunctionAnalysis &Owner) {
  const Stmt *Node = &S;
  while (const Stmt *Parent = Owner.parent(*Node)) {
    const Stmt *Body = nullptr;
    if (const auto *For = dyn_cast<ForStmt>(Parent))
      Body = For->getBody();
    else if (const auto *While = dyn_cast<WhileStmt>(Parent))
      Body = While->getBody();
    else if (const auto *Do = dyn_cast<DoStmt>(Parent))
      Body = Do->getBody();
    else if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(Parent))
      Body = RangeFor->getBody();
    if (Body == Node)
      return true;
    Node = Parent;
  }
  return false;
}

/// A future the function's own code declares (not a parameter, static or
/// reference).
bool isLocalFuture(const ValueDecl *Holder) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Holder);
  return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
         !Var->isInvalidDecl() &&
         handleTypeOf(Var->getType()) == HandleType::Future;
}

bool isPoolSubmit(const Launch &Spawn) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Spawn.Call);
  return Spawn.Kind == LaunchKind::PoolSubmit && Call &&
         isNamed(Call->getMethodDecl()->getParent(), {"::parlint::ThreadPool"}) &&
         identifierOf(Call->getMethodDecl()) == "submit";
}

} // namespace

void DiscardedFutureCheck::checkFunction(const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &Spawn) {
    bool Async = Spawn.Kind == LaunchKind::Async && Spawn.StartsThread;
    if (!Async && !isPoolSubmit(Spawn))
      return;
    SourceLocation Where = SM.getExpansionLoc(Spawn.Call->getBeginLoc());
    if (Where.isInvalid() || SM.isInSystemHeader(Where))
      return;
    const LambdaExpr *Lambda = Function.Analysis.enclosingLambda(*Spawn.Call);
    const FunctionAnalysis &Owner =
        Lambda ? analysisOf(*Lambda->getBody(), Function.Context)
               : Function.Analysis;
    SpawnSite Site = describeSpawn(Spawn, Owner);
    if (Site.Discarded) {
      if (!firstReportAt(Where))
        return;
      if (!Async) {
        diag(Where, "the future returned by parlint::ThreadPool::submit is "
                    "discarded, so an exception thrown by the task is lost; "
                    "use post(), whose first exception wait_idle() rethrows");
        return;
      }
      diag(Where, "the future of this std::async is discarded: its destructor "
                  "blocks here until the task ends, so the call runs "
                  "synchronously%select{|, the loop's iterations run one after "
                  "another,}0 and its exception is lost; keep the future and "
                  "call get() on it%select{| after the loop}0")
          << isInLoop(*Spawn.Call, Owner);
      return;
    }
    if (Async && isLocalFuture(Site.Holder))
      checkFuture(*cast<VarDecl>(Site.Holder), Owner);
  });
  // Futures that helpers return: `spawnLoad(path);` drops one.
  forEachDescendant(&Function.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call || handleTypeOf(Call->getType()) != HandleType::Future)
      return;
    const LambdaExpr *Lambda = Function.Analysis.enclosingLambda(*Call);
    checkReturnedFuture(*Call, Lambda ? analysisOf(*Lambda->getBody(),
                                                   Function.Context)
                                      : Function.Analysis);
  });
}

void DiscardedFutureCheck::checkReturnedFuture(const CallExpr &Call,
                                               const FunctionAnalysis &Owner) {
  ReturnedWorker Returned = droppedWorkerOf(Call, Owner);
  SourceLocation Where =
      Owner.context().getSourceManager().getExpansionLoc(Call.getBeginLoc());
  if (Returned.Kind != ReturnedWorker::AsyncFuture || !firstReportAt(Where))
    return;
  diag(Where, "the future returned by %0 is discarded: it belongs to a "
              "std::async, so its destructor blocks here until the task ends, "
              "the call runs synchronously%select{|, the loop's iterations run "
              "one after another,}1 and its exception is lost; keep the future "
              "and call get() on it%select{| after the loop}1")
      << Call.getDirectCallee() << isInLoop(Call, Owner);
  diag(Returned.Launch->getBeginLoc(), "the std::async is started here, in %0",
       DiagnosticIDs::Note)
      << Returned.LaunchFunction;
}

void DiscardedFutureCheck::checkFuture(const VarDecl &Future,
                                       const FunctionAnalysis &Owner) {
  if (!firstReportAt(Future.getLocation()))
    return;
  HandleUses Uses =
      collectHandleUses(Owner.body(), Future, HandleType::Future);
  if (Uses.Escapes || !Uses.startsAny())
    return;
  // The timed waits count as waiting for this check (memberOp calls them a
  // query): after `f.wait_for(...)` the code handles the status knowingly.
  forEachDescendant(&Owner.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    if (!Call || !observesFutureResult(Call->getMethodDecl()))
      return;
    const auto *Object = dyn_cast<DeclRefExpr>(
        Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
    if (Object && Object->getDecl() == &Future)
      Uses.Events.AtStmt[Call] = HandleEffect::Finish;
  });
  auto Exits = findBadExits(Owner, Future, Uses.Events, {});
  if (Exits.empty())
    return;
  const DeclStmt *Declaration = Owner.declarationOf(Future);
  bool InLoop = Declaration && isInLoop(*Declaration, Owner);
  diag(Future.getLocation(),
       "future %0 of std::async can be destroyed without get() or wait(): its "
       "destructor then blocks until the task ends, so the call runs "
       "synchronously%select{|, the loop's iterations run one after another,}1 "
       "and its exception is lost; call get() on it on every path")
      << &Future << InLoop;
  for (const BadExit &Exit : distinctExits(Exits))
    diag(Exit.Where,
         "%0 is destroyed here without being waited for, which blocks until "
         "the task ends",
         DiagnosticIDs::Note)
        << &Future;
}

} // namespace clang::tidy::parlint
