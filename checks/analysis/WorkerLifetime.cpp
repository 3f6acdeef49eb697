#include "WorkerLifetime.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "HandleUses.h"
#include "SpawnHandle.h"

#include "clang/AST/ExprCXX.h"

namespace clang::tidy::parlint {

namespace {

bool isThreadPoolRecord(const CXXRecordDecl *Record) {
  return isNamed(Record, {"::parlint::ThreadPool", "::boost::asio::thread_pool"});
}

const CXXRecordDecl *recordOf(const Expr *E) {
  QualType Type = E->getType().getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type.getCanonicalType()->getAsCXXRecordDecl();
}

/// Member functions after which a pool's queued tasks have run (or were
/// dropped): parlint::ThreadPool's wait_idle and shutdown, Boost.Asio's join,
/// wait and stop.
bool finishesPoolWork(const CXXMethodDecl *Method) {
  return isThreadPoolRecord(Method ? Method->getParent() : nullptr) &&
         llvm::is_contained({"wait_idle", "shutdown", "join", "wait", "stop"},
                            identifierOf(Method));
}

WorkerLifetime poolTaskLifetime(const Launch &Spawn,
                                const FunctionAnalysis &Launcher) {
  WorkerLifetime Lifetime;
  const Expr *Pool = poolOfLaunch(Spawn);
  const auto *Root = dyn_cast_or_null<VarDecl>(rootVariable(Pool));
  const auto *Field = dyn_cast_or_null<FieldDecl>(rootVariable(Pool));
  if (!Root && !Field)
    return Lifetime;
  const ValueDecl *PoolDecl = Root ? static_cast<const ValueDecl *>(Root) : Field;
  // The calls that wait for the pool's work, and uses that hand the pool to
  // code that might (then nothing is known).
  bool Escapes = false;
  HandleEvents Events;
  forEachDescendant(&Launcher.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    const auto *Member = dyn_cast<MemberExpr>(&S);
    if (!(Ref && Ref->getDecl() == PoolDecl) &&
        !(Member && Member->getMemberDecl() == PoolDecl))
      return;
    const Stmt *User = Launcher.parentIgnoringImplicit(S);
    if (const auto *Access = dyn_cast_or_null<MemberExpr>(User)) {
      const auto *Call =
          dyn_cast_or_null<CXXMemberCallExpr>(Launcher.parent(*Access));
      if (Call && finishesPoolWork(Call->getMethodDecl()))
        Events.AtStmt[Call] = HandleEffect::Finish;
      return; // submit, post, get_executor, size ...
    }
    if (const auto *Call = dyn_cast_or_null<CallExpr>(User))
      if (auto Other = describeLaunch(*Call, Launcher.context());
          Other && poolOfLaunch(*Other))
        return; // boost::asio::post(pool, ...)
    if (isa_and_nonnull<DeclStmt>(User))
      return;
    Escapes = true;
  });
  if (Escapes)
    return Lifetime;
  Events.AtStmt[Spawn.Call] = HandleEffect::Start;
  // The task's own future, kept in a local and waited for.
  SpawnSite Site = describeSpawn(Spawn, Launcher);
  if (const auto *Future = dyn_cast_or_null<VarDecl>(Site.Holder);
      Future && Future->hasLocalStorage() &&
      handleTypeOf(Future->getType()) == HandleType::Future)
    forEachDescendant(&Launcher.body(), /*SkipLambdas=*/true,
                      [&](const Stmt &S) {
      const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
      if (Call && observesFutureResult(Call->getMethodDecl()) &&
          rootVariable(Call->getImplicitObjectArgument()) == Future)
        Events.AtStmt[Call] = HandleEffect::Finish;
    });
  Lifetime.Kind = WorkerLifetime::Tracked;
  Lifetime.Events = std::move(Events);
  // A local pool ends with its destructor, which waits for or drops the
  // work; a pool of someone else's is alive throughout.
  if (Root && Root->hasLocalStorage() && !isa<ParmVarDecl>(Root) &&
      !Root->getType()->isReferenceType() && !Root->getType()->isPointerType())
    Lifetime.Var = Root;
  return Lifetime;
}

} // namespace

const Expr *poolOfLaunch(const Launch &Spawn) {
  if (Spawn.Kind == LaunchKind::PoolSubmit) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Spawn.Call);
    return Call ? Call->getImplicitObjectArgument() : nullptr;
  }
  if (Spawn.Kind != LaunchKind::AsioPost)
    return nullptr;
  const auto *Call = dyn_cast<CallExpr>(Spawn.Call);
  if (!Call || Call->getNumArgs() < 2)
    return nullptr;
  const Expr *Target = stripped(Call->getArg(0));
  if (isThreadPoolRecord(recordOf(Target)))
    return Target;
  // pool.get_executor()
  if (const auto *Executor = dyn_cast<CXXMemberCallExpr>(Target);
      Executor && identifierOf(Executor->getMethodDecl()) == "get_executor" &&
      isThreadPoolRecord(recordOf(Executor->getImplicitObjectArgument())))
    return Executor->getImplicitObjectArgument();
  return nullptr;
}

bool runsTasksOneAtATime(const Launch &Spawn, const FunctionAnalysis &Launcher) {
  if (Spawn.Kind != LaunchKind::PoolSubmit && Spawn.Kind != LaunchKind::AsioPost)
    return false;
  const Expr *Pool = poolOfLaunch(Spawn);
  if (!Pool)
    return true; // a strand, an io_context, an executor parlint cannot see
  const auto *Var = dyn_cast_or_null<VarDecl>(rootVariable(Pool));
  if (!Var || !Var->getInit())
    return false;
  const auto *Construct =
      dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit());
  const Expr *Count = Construct ? workerCountArgument(*Construct, {}) : nullptr;
  Expr::EvalResult Value;
  return Count && !Count->isValueDependent() &&
         Count->EvaluateAsInt(Value, Launcher.context()) &&
         Value.Val.getInt() == 1;
}

WorkerLifetime lifetimeOf(const Launch &Spawn, const FunctionAnalysis &Launcher) {
  if (Spawn.Kind == LaunchKind::PoolSubmit || Spawn.Kind == LaunchKind::AsioPost)
    return poolTaskLifetime(Spawn, Launcher);
  WorkerLifetime Lifetime;
  if (!Spawn.startsOwnThread())
    return Lifetime;
  SpawnSite Site = describeSpawn(Spawn, Launcher);
  if (Site.WaitedAtOnce) {
    Lifetime.Kind = WorkerLifetime::WaitedAtOnce;
    return Lifetime;
  }
  const auto *Var = dyn_cast_or_null<VarDecl>(Site.Holder);
  HandleType Type = Var ? handleTypeOf(Var->getType()) : HandleType::None;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Type == HandleType::None) {
    // No local handle: a member or global thread, a detached temporary, or
    // a container of futures. It runs on as far as this function can tell;
    // a local holder of another type is drained in ways not followed here.
    Lifetime.Kind = Var && Var->hasLocalStorage() ? WorkerLifetime::Untracked
                                                  : WorkerLifetime::RunsOn;
    Lifetime.Events.AtStmt[Spawn.Call] = HandleEffect::Start;
    return Lifetime;
  }
  Lifetime.Handle = Var;
  HandleUses Uses = collectHandleUses(Launcher.body(), *Var, Type);
  if (Uses.Escapes)
    return Lifetime; // Untracked, no events
  if (Uses.Detached) {
    // A detached thread runs on: only its starts matter.
    Lifetime.Kind = WorkerLifetime::RunsOn;
    Lifetime.Detached = true;
    for (const auto &[S, Effect] : Uses.Events.AtStmt)
      if (Effect == HandleEffect::Start)
        Lifetime.Events.AtStmt[S] = Effect;
    if (Uses.Events.StartsAtDeclaration)
      if (const DeclStmt *Decl = Launcher.declarationOf(*Var))
        Lifetime.Events.AtStmt[Decl] = HandleEffect::Start;
    return Lifetime;
  }
  Lifetime.Kind = WorkerLifetime::Tracked;
  Lifetime.Var = Var;
  Lifetime.Events = Uses.Events;
  // pthread_detach lets the thread go; it still runs.
  for (auto It = Lifetime.Events.AtStmt.begin();
       It != Lifetime.Events.AtStmt.end();) {
    const auto *Call = dyn_cast<CallExpr>(It->first);
    bool Detach = false;
    if (const auto *Member = dyn_cast_or_null<CXXMemberCallExpr>(Call))
      Detach = memberOp(Member->getMethodDecl()) == HandleOp::Detach;
    else if (Call)
      Detach = freeFunctionOp(Call->getDirectCallee()) == HandleOp::Detach;
    if (Detach)
      Lifetime.Events.AtStmt.erase(It++);
    else
      ++It;
  }
  if (Type == HandleType::PosixThread)
    Lifetime.Rules.Lifetime = HandleLifetime::Value;
  return Lifetime;
}

bool mayBeRunningAt(const WorkerLifetime &Lifetime, const Launch &Spawn,
                    const FunctionAnalysis &Launcher, const Stmt &At,
                    bool AssumeUntrackedRuns) {
  switch (Lifetime.Kind) {
  case WorkerLifetime::WaitedAtOnce:
    return false;
  case WorkerLifetime::Untracked:
    if (!AssumeUntrackedRuns)
      return false;
    if (Lifetime.Events.AtStmt.empty()) {
      HandleEvents Started;
      Started.AtStmt[Spawn.Call] = HandleEffect::Start;
      return mayBeRunningAt(Launcher, nullptr, Started, At);
    }
    return mayBeRunningAt(Launcher, nullptr, Lifetime.Events, At);
  case WorkerLifetime::RunsOn:
    return mayBeRunningAt(Launcher, nullptr, Lifetime.Events, At);
  case WorkerLifetime::Tracked:
    return mayBeRunningAt(Launcher, Lifetime.Var, Lifetime.Events, At,
                          Lifetime.Rules);
  }
  return false;
}

} // namespace clang::tidy::parlint
