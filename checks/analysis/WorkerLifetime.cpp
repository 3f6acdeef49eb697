#include "WorkerLifetime.h"
#include "../common/AstHelpers.h"
#include "../model/Allocation.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "HandleUses.h"
#include "LoopBounds.h"
#include "SpawnHandle.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {

namespace {

const CXXRecordDecl *recordOf(const Expr *E) {
  QualType Type = E->getType().getNonReferenceType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  return Type.getCanonicalType()->getAsCXXRecordDecl();
}

/// `pool.submit(f).wait()`, `pool.submit_task(f).get()`: the task's own
/// future, waited for within the statement that queues it.
bool futureWaitedAtOnce(const Launch &Spawn, const FunctionAnalysis &Launcher) {
  const auto *Access =
      dyn_cast_or_null<MemberExpr>(Launcher.parentIgnoringImplicit(*Spawn.Call));
  const auto *Call =
      Access ? dyn_cast_or_null<CXXMemberCallExpr>(Launcher.parent(*Access))
             : nullptr;
  return Call && Call->getCallee() == Access &&
         handleTypeOf(Spawn.Call->getType()) == HandleType::Future &&
         observesFutureResult(Call->getMethodDecl());
}

/// The object whose wait finishes a queued task: the task group it is
/// attached to (model/Pools), else its pool.
const Expr *waiterOfTask(const Launch &Spawn) {
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Spawn.Call))
    if (auto Task = poolTaskCall(*Call); Task && Task->Group)
      return Task->Group;
  return poolOfLaunch(Spawn);
}

std::optional<HandleEvents> futureContainerEvents(const VarDecl &Holder,
                                                  const Launch &Spawn,
                                                  const FunctionAnalysis &Launcher);

WorkerLifetime poolTaskLifetime(const Launch &Spawn,
                                const FunctionAnalysis &Launcher) {
  WorkerLifetime Lifetime;
  if (futureWaitedAtOnce(Spawn, Launcher)) {
    Lifetime.Kind = WorkerLifetime::WaitedAtOnce;
    return Lifetime;
  }
  const Expr *Pool = waiterOfTask(Spawn);
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
      if (Call && waitsForPoolWork(*Call))
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
  // Or in a local container of futures, waited for as a whole
  // (`for (auto &f : scans) f.get();`), as for std::async's.
  if (const auto *Holder = dyn_cast_or_null<VarDecl>(Site.Holder);
      Holder && Holder->hasLocalStorage() && !isa<ParmVarDecl>(Holder))
    if (auto Waited = futureContainerEvents(*Holder, Spawn, Launcher)) {
      for (const auto &[Where, Effect] : Waited->AtStmt)
        Events.AtStmt[Where] = Effect;
      for (const auto &[Loop, Effect] : Waited->AtLoop)
        Events.AtLoop[Loop] = Effect;
      Events.BreaksLeavingSomeRunning.insert(
          Waited->BreaksLeavingSomeRunning.begin(),
          Waited->BreaksLeavingSomeRunning.end());
    }
  Lifetime.Kind = WorkerLifetime::Tracked;
  Lifetime.Events = std::move(Events);
  // A local pool ends with its destructor, which waits for or drops the
  // work; a pool of someone else's is alive throughout.
  if (Root && Root->hasLocalStorage() && !isa<ParmVarDecl>(Root) &&
      !Root->getType()->isReferenceType() && !Root->getType()->isPointerType())
    Lifetime.Var = Root;
  return Lifetime;
}

/// The futures a local container holds (`std::vector<std::future<T>>`).
bool holdsFutures(QualType Type) {
  const auto *Container = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Type.getCanonicalType()->getAsCXXRecordDecl());
  if (!Container || Container->getTemplateArgs().size() == 0 ||
      Container->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return false;
  return handleTypeOf(Container->getTemplateArgs()[0].getAsType()) ==
         HandleType::Future;
}

/// The breaks on data out of Loop, a loop that finishes the workers
/// (LoopBounds' breaksOnData), past which later workers still run. Only
/// for a loop after the launch: before it (an options loop that merely
/// names the object the handle is kept in) nothing runs yet.
void markBreaksLeavingSomeRunning(const Stmt &Loop, const Launch &Spawn,
                                  const FunctionAnalysis &Launcher,
                                  HandleEvents &Events) {
  const SourceManager &SM = Launcher.context().getSourceManager();
  if (!SM.isBeforeInTranslationUnit(Spawn.Call->getBeginLoc(), Loop.getBeginLoc()))
    return;
  for (const BreakStmt *Break : breaksOnData(Loop, Launcher))
    Events.BreaksLeavingSomeRunning.insert(Break);
}

/// A local container the async futures are kept in: a range-for that get()s
/// or wait()s each element finishes them all, and so does a get() or wait()
/// on an element (`futures.back().get()`, `futures[i].wait()`); so does the
/// container's destructor (the futures' destructors wait). Nullopt when the
/// container escapes (passed on, captured, moved).
std::optional<HandleEvents> futureContainerEvents(const VarDecl &Holder,
                                                  const Launch &Spawn,
                                                  const FunctionAnalysis &Launcher) {
  if (!holdsFutures(Holder.getType()))
    return std::nullopt;
  HandleEvents Events;
  Events.AtStmt[Spawn.Call] = HandleEffect::Start;
  bool Escapes = false;
  auto Waits = [](const Stmt *S) {
    const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(S);
    return Call && observesFutureResult(Call->getMethodDecl());
  };
  forEachDescendant(&Launcher.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    if (!Ref || Ref->getDecl() != &Holder)
      return;
    if (Launcher.enclosingLambda(S)) {
      Escapes = true;
      return;
    }
    const Stmt *User = Launcher.parentIgnoringImplicit(S);
    // for (auto &f : futures) f.get();
    if (const auto *Range = dyn_cast_or_null<DeclStmt>(User)) {
      const auto *Loop =
          dyn_cast_or_null<CXXForRangeStmt>(Launcher.parent(*Range));
      if (!Loop || Loop->getRangeStmt() != Range) {
        Escapes = true;
        return;
      }
      const VarDecl *Element = Loop->getLoopVariable();
      forEachDescendant(Loop->getBody(), /*SkipLambdas=*/true,
                        [&](const Stmt &Use) {
        if (Waits(&Use) &&
            rootVariable(cast<CXXMemberCallExpr>(Use).getImplicitObjectArgument()) ==
                Element)
          Events.AtLoop[Loop] = HandleEffect::Finish;
      });
      if (Events.AtLoop.count(Loop))
        markBreaksLeavingSomeRunning(*Loop, Spawn, Launcher, Events);
      return;
    }
    // futures.push_back(...), futures.back().get(), futures[i].wait()
    const Stmt *Outer = User;
    if (const auto *Member = dyn_cast_or_null<MemberExpr>(User))
      Outer = Launcher.parent(*Member);
    if (const auto *Call = dyn_cast_or_null<CallExpr>(Outer)) {
      const Stmt *Next = Launcher.parentIgnoringImplicit(*Call);
      if (const auto *Member = dyn_cast_or_null<MemberExpr>(Next))
        if (const Stmt *Wait = Launcher.parent(*Member); Waits(Wait)) {
          Events.AtStmt[Wait] = HandleEffect::Finish;
          return;
        }
      return; // push_back, size, clear, an element looked at
    }
    Escapes = true;
  });
  if (Escapes)
    return std::nullopt;
  return Events;
}

/// A later use of a worker's handle ends the claim that it runs: the
/// statement the CFG lists for it (the whole call around the use) finishes
/// the worker, or the loop around it when the launch is outside that loop
/// (`for (i = 0; i < n; i++) pthread_join(workers[i].thread, NULL);` ends
/// them once control reaches it, as HandleUses' element joins).
void addUseAsEnd(const Stmt &End, const Launch &Spawn,
                 const FunctionAnalysis &Launcher, HandleEvents &Events) {
  const Stmt *Around = &End;
  while (const Stmt *P = Launcher.parentIgnoringImplicit(*Around)) {
    if (!isa<Expr>(P))
      break;
    Around = P;
  }
  if (Launcher.isWithin(*Spawn.Call, *Around)) // the launch's own
    return;
  if (const Stmt *Loop = enclosingLoop(*Around, Launcher);
      Loop && !Launcher.isWithin(*Spawn.Call, *Loop)) {
    Events.AtLoop[Loop] = HandleEffect::Finish;
    // `for (i = 0; i < n; i++) { pthread_join(t[i], NULL); if (r[i].bad)
    // break; }` leaves the later workers running.
    markBreaksLeavingSomeRunning(*Loop, Spawn, Launcher, Events);
  } else
    Events.AtStmt[Around] = HandleEffect::Finish;
}

/// A thread kept in a member or a global (`worker_ = std::thread(...)`) is
/// joined by whatever code reaches it: from any later use of it (a join, a
/// call it is passed to), and from any call of a member function of this
/// object (`stop()`, `wait()`), parlint no longer claims it runs.
void addMemberHandleEnds(const ValueDecl &Holder, const Launch &Spawn,
                         const FunctionAnalysis &Launcher, HandleEvents &Events) {
  forEachDescendant(&Launcher.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const Stmt *End = nullptr;
    if (const auto *Member = dyn_cast<MemberExpr>(&S);
        Member && Member->getMemberDecl() == &Holder)
      End = Member;
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S);
             Ref && Ref->getDecl() == &Holder)
      End = Ref;
    else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
             Call && isa<CXXThisExpr>(
                         Call->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      End = Call;
    if (End)
      addUseAsEnd(*End, Spawn, Launcher, Events);
  });
}

/// Whether a call of Callee may reach Field of a struct it is given: its
/// body (or a function it calls, a few calls deep) names the field, or it
/// calls code parlint cannot see. A library function cannot know the field.
bool mayReachField(const FunctionDecl *Callee, const FieldDecl &Field,
                   const SourceManager &SM, unsigned Depth) {
  if (!Callee)
    return true;
  if (SM.isInSystemHeader(Callee->getLocation()) || Callee->getBuiltinID())
    return false;
  const FunctionDecl *Definition = nullptr;
  if (!Callee->hasBody(Definition) || Depth == 0)
    return true;
  bool Reaches = false;
  forEachDescendant(Definition->getBody(), /*SkipLambdas=*/false,
                    [&](const Stmt &S) {
    if (Reaches)
      return;
    if (const auto *Member = dyn_cast<MemberExpr>(&S))
      Reaches = Member->getMemberDecl() == &Field;
    else if (const auto *Call = dyn_cast<CallExpr>(&S))
      Reaches = Call->getDirectCallee() != Definition &&
                mayReachField(Call->getDirectCallee(), Field, SM, Depth - 1);
  });
  return Reaches;
}

/// `pthread_create(&acc.thread, NULL, run, &acc)`: a pthread_t kept in a
/// field of a local struct, or of an element of a local array of structs
/// (`&workers[i].thread`). The thread runs from the launch (not on the path
/// where the call reports a failure) until the field is used again
/// (`pthread_join(acc.thread, NULL)`, a loop joining each element's), or
/// the struct is handed to code that may join it (`acceptor_stop(&acc)`).
std::optional<WorkerLifetime> localFieldLifetime(const Launch &Spawn,
                                                 const FunctionAnalysis &Launcher) {
  const auto *Call = dyn_cast<CallExpr>(Spawn.Call);
  if (Spawn.Kind != LaunchKind::PthreadCreate || !Call || Call->getNumArgs() < 1)
    return std::nullopt;
  const auto *Address = dyn_cast<UnaryOperator>(stripped(Call->getArg(0)));
  const auto *Member =
      Address && Address->getOpcode() == UO_AddrOf
          ? dyn_cast<MemberExpr>(Address->getSubExpr()->IgnoreParens())
          : nullptr;
  if (!Member)
    return std::nullopt;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
  const auto *Element = Member->isArrow() ? nullptr : dyn_cast<ArraySubscriptExpr>(Base);
  if (Element)
    Base = Element->getBase()->IgnoreParenImpCasts();
  const auto *BaseRef = dyn_cast<DeclRefExpr>(Base);
  const auto *Struct = BaseRef ? dyn_cast<VarDecl>(BaseRef->getDecl()) : nullptr;
  // `&st->thread` with `st` this function's own fresh allocation, never
  // changed: the object is the function's until it hands `st` on.
  bool Allocated = Member->isArrow() && Struct && Struct->hasLocalStorage() &&
                   !isa<ParmVarDecl>(Struct) && Struct->getType()->isPointerType() &&
                   isAllocationCall(Struct->getInit()) &&
                   !isChangedWithin(Struct, Launcher.body());
  if (Member->isArrow() && !Allocated)
    return std::nullopt;
  // A static local too: no other function names it.
  if (!Field || !Struct || !(Struct->hasLocalStorage() || Struct->isStaticLocal()) ||
      isa<ParmVarDecl>(Struct) || Struct->getType()->isReferenceType() ||
      (Element && !Struct->getType()->isConstantArrayType()) ||
      handleTypeOf(Field->getType()) != HandleType::PosixThread)
    return std::nullopt;
  WorkerLifetime Lifetime;
  Lifetime.Kind = WorkerLifetime::Tracked;
  Lifetime.Rules.Lifetime = HandleLifetime::Value;
  Lifetime.Events.AtStmt[Spawn.Call] = HandleEffect::Start;
  if (startResultOf(Call->getDirectCallee()) != StartResult::None)
    Lifetime.Events.CheckedStarts.push_back(Call);
  forEachDescendant(&Launcher.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    if (!Ref || Ref->getDecl() != Struct)
      return;
    // The struct the use names: the variable, or one of its elements.
    const Stmt *Named = &S;
    if (Element)
      if (const auto *Subscript = dyn_cast_or_null<ArraySubscriptExpr>(
              Launcher.parentIgnoringImplicit(S));
          Subscript && Subscript->getBase()->IgnoreParenImpCasts() == &S)
        Named = Subscript;
    // Another field of the struct (`acc.backlog`, `st->limit`) says nothing
    // of the thread.
    const auto *Use =
        dyn_cast_or_null<MemberExpr>(Launcher.parentIgnoringImplicit(*Named));
    if (Use && Use->isArrow() == Allocated) {
      if (Use->getMemberDecl() == Field)
        addUseAsEnd(S, Spawn, Launcher, Lifetime.Events);
      return;
    }
    // `fes[i] = (struct frontend){...}`: a store over the struct joins
    // nothing (the handle it overwrites is lost, its thread runs on).
    const Stmt *User = Launcher.parentIgnoringImplicit(*Named);
    if (const auto *Store = dyn_cast_or_null<BinaryOperator>(User);
        Store && Store->getOpcode() == BO_Assign &&
        Store->getLHS()->IgnoreParenImpCasts() == Named)
      return;
    // `ui_on_pause_clicked(&tr)`: a function that never reaches the field
    // cannot join the thread.
    if (const auto *Passed = dyn_cast_or_null<CallExpr>(User);
        Passed && Named == &S && !Launcher.isWithin(*Spawn.Call, *Passed) &&
        !mayReachField(Passed->getDirectCallee(), *Field,
                       Launcher.context().getSourceManager(), 4))
      return; // `scan_all(workers)`
    if (const auto *Passed = dyn_cast_or_null<CallExpr>(
            User ? Launcher.parentIgnoringImplicit(*User) : nullptr);
        Passed && !Launcher.isWithin(*Spawn.Call, *Passed) &&
        !mayReachField(Passed->getDirectCallee(), *Field,
                       Launcher.context().getSourceManager(), 4))
      return;
    addUseAsEnd(S, Spawn, Launcher, Lifetime.Events);
  });
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
  if (isThreadPoolClass(recordOf(Target)))
    return Target;
  // pool.get_executor()
  if (const auto *Executor = dyn_cast<CXXMemberCallExpr>(Target);
      Executor && identifierOf(Executor->getMethodDecl()) == "get_executor" &&
      isThreadPoolClass(recordOf(Executor->getImplicitObjectArgument())))
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
  if (auto InField = localFieldLifetime(Spawn, Launcher))
    return *InField;
  SpawnSite Site = describeSpawn(Spawn, Launcher);
  if (Site.WaitedAtOnce) {
    Lifetime.Kind = WorkerLifetime::WaitedAtOnce;
    return Lifetime;
  }
  const auto *Var = dyn_cast_or_null<VarDecl>(Site.Holder);
  HandleType Type = Var ? handleTypeOf(Var->getType()) : HandleType::None;
  // Containers of jthreads and futures are followed below as holders, not as
  // handles: their elements run until the container's destructor or until
  // each future is waited, which the handle events do not model.
  if (Type == HandleType::JThreadContainer ||
      Type == HandleType::FutureContainer)
    Type = HandleType::None;
  bool Local = Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
               !Var->getType()->isReferenceType();
  if (Local && Type == HandleType::None && Spawn.Kind == LaunchKind::Async) {
    Lifetime.Handle = Var;
    if (auto Events = futureContainerEvents(*Var, Spawn, Launcher)) {
      Lifetime.Kind = WorkerLifetime::Tracked;
      Lifetime.Var = Var;
      Lifetime.Events = std::move(*Events);
      return Lifetime;
    }
    return Lifetime; // Untracked: the container escapes
  }
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Type == HandleType::None) {
    // No local handle: a member or global thread, a detached temporary, or
    // a container of futures. It runs on as far as this function can tell;
    // a local holder of another type is drained in ways not followed here.
    Lifetime.Kind = Var && Var->hasLocalStorage() ? WorkerLifetime::Untracked
                                                  : WorkerLifetime::RunsOn;
    Lifetime.Events.AtStmt[Spawn.Call] = HandleEffect::Start;
    // `if (pthread_create(&global_tid, ...)) goto fail;`: nothing runs on
    // the failure path.
    if (const auto *Call = dyn_cast<CallExpr>(Spawn.Call);
        Call && startResultOf(Call->getDirectCallee()) != StartResult::None)
      Lifetime.Events.CheckedStarts.push_back(Call);
    if (Site.Holder && !(Var && Var->hasLocalStorage()))
      addMemberHandleEnds(*Site.Holder, Spawn, Launcher, Lifetime.Events);
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
    for (const CallExpr *Create : Uses.DetachedCreates)
      Lifetime.Events.AtStmt[Create] = HandleEffect::Start;
    for (const CallExpr *Create : Uses.SelfManagedCreates)
      Lifetime.Events.AtStmt[Create] = HandleEffect::Start;
    if (Uses.Events.StartsAtDeclaration)
      if (const DeclStmt *Decl = Launcher.declarationOf(*Var))
        Lifetime.Events.AtStmt[Decl] = HandleEffect::Start;
    return Lifetime;
  }
  Lifetime.Kind = WorkerLifetime::Tracked;
  Lifetime.Var = Var;
  Lifetime.Events = Uses.Events;
  // A join loop left by a break on the program's data joins only the
  // elements before it (unjoined-thread keeps its own reading of the loop).
  for (const auto &[Loop, Effect] : Lifetime.Events.AtLoop)
    if (Effect == HandleEffect::Finish)
      markBreaksLeavingSomeRunning(*Loop, Spawn, Launcher, Lifetime.Events);
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
    // An escaping handle may be joined anywhere: nothing is claimed.
    if (!AssumeUntrackedRuns || Lifetime.Events.AtStmt.empty())
      return false;
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
