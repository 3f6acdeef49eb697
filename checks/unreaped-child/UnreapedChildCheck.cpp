#include "UnreapedChildCheck.h"
#include "../analysis/ChildProcessUses.h"
#include "../analysis/ReturnedWorkers.h"
#include "../analysis/SpawnHandle.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Launch.h"

namespace clang::tidy::parlint {

namespace {

bool waitsForAnyChildIn(const Stmt &Body) {
  bool Waits = false;
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      Waits |= waitsForAnyChild(*Call);
  });
  return Waits;
}

/// A pid the function's own code keeps in a plain local integer.
bool isLocalPid(const ValueDecl *Holder) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Holder);
  return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
         !Var->isInvalidDecl() && Var->getType()->isIntegerType();
}

std::string spawnName(const Expr &Spawn) {
  return identifierOf(calleeOf(&Spawn)).str();
}

/// Whether the child of a fork whose pid is dropped can be left unreaped:
/// on some path of the parent the function ends, or forks again, without
/// the process ending first (the daemon's `if (fork() > 0) exit(0);` or
/// `switch (fork()) { ... default: _exit(0); }` leaves no zombie: the
/// orphaned child is reaped by init).
bool parentOutlivesChild(const Expr &Spawn, const FunctionAnalysis &Owner) {
  const auto *Call = dyn_cast<CallExpr>(&Spawn);
  if (!Call)
    return true;
  HandleEvents Events;
  Events.AtStmt[Call] = HandleEffect::Start;
  if (startResultOf(Call->getDirectCallee()) != StartResult::None)
    Events.CheckedStarts.push_back(Call);
  return !findLostStarts(Owner, Events).empty();
}

} // namespace

void UnreapedChildCheck::startOfTranslationUnit() {
  Pending.clear();
  Analyzed.clear();
  IgnoresChildExit = false;
  ReapsAnyChild = false;
}

void UnreapedChildCheck::checkFunction(const FunctionUnderCheck &Function) {
  if (IgnoresChildExit || ignoresChildExit(Function.Body, Function.Context)) {
    IgnoresChildExit = true;
    return;
  }
  // A reaper anywhere in the file (a SIGCHLD handler or a callback that
  // loops on waitpid(-1, ..., WNOHANG)) collects every child.
  ReapsAnyChild = ReapsAnyChild || reapsEveryChild(Function.Body, Function.Context);
  const SourceManager &SM = Function.Context.getSourceManager();
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &Spawn) {
    if (Spawn.Kind != LaunchKind::Process)
      return;
    SourceLocation Where = SM.getExpansionLoc(Spawn.Call->getBeginLoc());
    if (Where.isInvalid() || SM.isInSystemHeader(Where))
      return;
    const LambdaExpr *Lambda = Function.Analysis.enclosingLambda(*Spawn.Call);
    const FunctionAnalysis &Owner =
        Lambda ? analysisOf(*Lambda->getBody(), Function.Context)
               : Function.Analysis;
    // A co-process the program keeps talking to is reaped elsewhere.
    if (keepsChannelToChild(Owner))
      return;
    SpawnSite Site = describeSpawn(Spawn, Owner);
    if (Site.Discarded) {
      if (waitsForAnyChildIn(Owner.body()) ||
          !parentOutlivesChild(*Spawn.Call, Owner))
        return;
      Pending.push_back(
          {Where,
           "the pid of the child started by " + spawnName(*Spawn.Call) +
               " is dropped and nothing here waits for any child, so the "
               "child stays a zombie after it exits; keep the pid and "
               "waitpid() it in the parent",
           {}});
      return;
    }
    if (isLocalPid(Site.Holder))
      checkPid(*cast<VarDecl>(Site.Holder), *Spawn.Call, Owner);
  });
  // Pids that forking helpers return: `spawn_worker();` drops one.
  forEachDescendant(&Function.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call || !Call->getType()->isIntegerType() ||
        Call->getType()->isBooleanType())
      return;
    const LambdaExpr *Lambda = Function.Analysis.enclosingLambda(*Call);
    checkReturnedPid(*Call, Lambda ? analysisOf(*Lambda->getBody(),
                                                Function.Context)
                                   : Function.Analysis);
  });
}

void UnreapedChildCheck::checkReturnedPid(const CallExpr &Call,
                                          const FunctionAnalysis &Owner) {
  // `(void)spawn();` says the pid is not wanted here: the program reaps its
  // children some other way.
  if (isa_and_nonnull<ExplicitCastExpr>(Owner.parentIgnoringImplicit(Call)))
    return;
  ReturnedWorker Returned = droppedWorkerOf(Call, Owner);
  if (Returned.Kind != ReturnedWorker::ChildPid)
    return;
  const FunctionAnalysis &Helper =
      analysisOf(*Returned.LaunchFunction->getBody(), Owner.context());
  if (keepsChannelToChild(Helper) || keepsChannelToChild(Owner) ||
      waitsForAnyChildIn(Owner.body()) || !parentOutlivesChild(Call, Owner))
    return;
  const SourceManager &SM = Owner.context().getSourceManager();
  Finding Found;
  Found.Where = SM.getExpansionLoc(Call.getBeginLoc());
  Found.Message = "the pid returned by '" +
                  Call.getDirectCallee()->getNameAsString() +
                  "' is dropped and nothing here waits for any child, so the "
                  "child it started stays a zombie after it exits; keep the "
                  "pid and waitpid() it in the parent";
  Found.Notes.push_back({SM.getExpansionLoc(Returned.Launch->getBeginLoc()),
                         "the child is started here, in '" +
                             Returned.LaunchFunction->getNameAsString() + "'"});
  Pending.push_back(std::move(Found));
}

void UnreapedChildCheck::checkPid(const VarDecl &Pid, const Expr &Spawn,
                                  const FunctionAnalysis &Owner) {
  if (!Analyzed.insert(&Pid).second)
    return;
  ChildProcessUses Uses = collectChildProcessUses(Owner, Pid);
  if (Uses.Escapes || Uses.Spawns.empty())
    return;
  auto Exits = findBadExits(Owner, Pid, Uses.Events,
                            {HandleLifetime::Value, /*FinishIsFinal=*/false});
  if (Exits.empty())
    return;
  const SourceManager &SM = Owner.context().getSourceManager();
  const Expr *First = Uses.Spawns.front();
  for (const Expr *Other : Uses.Spawns)
    if (SM.isBeforeInTranslationUnit(Other->getBeginLoc(), First->getBeginLoc()))
      First = Other;
  auto Finishes = [](const auto &Event) {
    return Event.second == HandleEffect::Finish;
  };
  bool EverWaited = llvm::any_of(Uses.Events.AtStmt, Finishes) ||
                    llvm::any_of(Uses.Events.AtLoop, Finishes);
  std::string Name = Pid.getName().str();
  Finding Found;
  Found.Where = SM.getExpansionLoc(First->getBeginLoc());
  Found.Message =
      "child process started by " + spawnName(*First) +
      (EverWaited ? " can be left unwaited when the function returns, so it "
                    "stays a zombie after it exits; waitpid() '" +
                        Name + "' on every path in the parent"
                  : " is never waited for, so it stays a zombie after it "
                    "exits; waitpid() '" +
                        Name + "' in the parent");
  for (const BadExit &Exit : distinctExits(Exits))
    Found.Notes.push_back(
        {SM.getExpansionLoc(Exit.Where),
         "'" + Name + "' is not waited for when " +
             (Exit.Kind == BadExit::FunctionEnd ? "the function ends here"
              : Exit.Kind == BadExit::Throw
                  ? "the exception leaves the function here"
                  : "the function returns here")});
  Pending.push_back(std::move(Found));
}

void UnreapedChildCheck::endOfTranslationUnit() {
  if (!IgnoresChildExit && !ReapsAnyChild)
    for (const Finding &Found : Pending) {
      if (!firstReportAt(Found.Where))
        continue;
      diag(Found.Where, Found.Message);
      for (const auto &[Where, Note] : Found.Notes)
        diag(Where, Note, DiagnosticIDs::Note);
    }
  Pending.clear();
}

} // namespace clang::tidy::parlint
