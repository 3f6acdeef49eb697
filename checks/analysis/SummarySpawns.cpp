// SpawnSummaries::of and mayEndKeptWorker: which workers a function leaves
// running when it returns, and whether it forks. A launch of the function's
// own body is asked of the analyses that follow it there (WorkerLifetime for
// threads and pool tasks, ChildProcessUses and the path engine for children);
// a call of a function of the translation unit brings the callee's starts,
// their keeper mapped from the callee's `this` and parameters to the caller's.
#include "SummarySpawns.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Launch.h"
#include "ChildProcessUses.h"
#include "FunctionSummaries.h"
#include "SpawnHandle.h"
#include "SummaryScanner.h"
#include "SummaryTable.h"
#include "WorkerLifetime.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>
#include <vector>

namespace clang::tidy::parlint {

const OutlivingStart *SpawnSummary::onEveryCall(OutlivingKind Kind) const {
  for (const OutlivingStart &Start : StartsOutliving)
    if (Start.Kind == Kind && Start.EveryCall)
      return &Start;
  return nullptr;
}

namespace {

/// The keeper of a handle held by Holder in the function's own terms.
std::optional<std::pair<WorkerKeeper, unsigned>>
keeperOf(const ValueDecl *Holder, const FunctionDecl &Function) {
  if (!Holder)
    return std::make_pair(WorkerKeeper::Nobody, 0u);
  if (isa<FieldDecl>(Holder))
    return std::make_pair(WorkerKeeper::Member, 0u);
  const auto *Var = dyn_cast<VarDecl>(Holder);
  if (!Var)
    return std::nullopt;
  if (Var->hasGlobalStorage())
    return std::make_pair(WorkerKeeper::Global, 0u);
  if (const auto *Param = dyn_cast<ParmVarDecl>(Var);
      Param && (Param->getType()->isReferenceType() ||
                Param->getType()->isPointerType()))
    for (unsigned I = 0; I < Function.getNumParams(); ++I)
      if (Function.getParamDecl(I) == Param)
        return std::make_pair(WorkerKeeper::Parameter, I);
  return std::nullopt; // a local: it ends with the function
}

/// The keeper an expression of the caller designates: `this` or a member of
/// it, a reference or pointer parameter, a global. Null for a local.
std::optional<std::pair<WorkerKeeper, unsigned>>
keeperAt(const Expr *E, const FunctionDecl &Function) {
  E = stripped(E);
  if (!E)
    return std::nullopt;
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && (Address->getOpcode() == UO_AddrOf ||
                  Address->getOpcode() == UO_Deref))
    return keeperAt(Address->getSubExpr(), Function);
  if (isa<CXXThisExpr>(E))
    return std::make_pair(WorkerKeeper::Member, 0u);
  if (const auto *Member = dyn_cast<MemberExpr>(E);
      Member && isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
    return std::make_pair(WorkerKeeper::Member, 0u);
  const ValueDecl *Root = rootVariable(E);
  if (!Root || isa<FieldDecl>(Root))
    return std::nullopt;
  return keeperOf(Root, Function);
}

/// Whether the thread a local handle holds is let go on every path and
/// never joined: a detach on every path, or a pthread created detached.
bool detachedOnEveryCall(const VarDecl &Handle,
                         const FunctionAnalysis &Body) {
  llvm::SmallVector<const Stmt *, 2> Detaches;
  bool Joins = false;
  forEachDescendant(&Body.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    HandleOp Op = HandleOp::Other;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S)) {
      if (rootVariable(Member->getImplicitObjectArgument()) == &Handle)
        Op = memberOp(Member->getMethodDecl());
    } else if (const auto *Call = dyn_cast<CallExpr>(&S);
               Call && Call->getNumArgs() > 0 &&
               rootVariable(Call->getArg(0)) == &Handle) {
      Op = freeFunctionOp(Call->getDirectCallee());
    }
    if (Op == HandleOp::Detach)
      Detaches.push_back(&S);
    Joins |= Op == HandleOp::Join || Op == HandleOp::Wait;
  });
  if (Joins)
    return false;
  if (Detaches.empty())
    return true; // created detached (WorkerLifetime said so)
  return llvm::any_of(Detaches,
                      [&](const Stmt *S) { return summaries::onEveryPath(Body, *S); });
}

bool hasFinish(const HandleEvents &Events) {
  return llvm::any_of(Events.AtStmt, [](const auto &Event) {
    return Event.second != HandleEffect::Start;
  });
}

bool isLocalPid(const ValueDecl *Holder) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Holder);
  return Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
         Var->getType()->isIntegerType();
}

/// The callee a call runs, when it is known: a direct call of the program's
/// own code, not an operator, not dispatched through the vtable.
const FunctionDecl *calledCode(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || isa<CXXOperatorCallExpr>(Call) ||
      summaries::isInSystemHeader(*Callee))
    return nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
      Member && summaries::isVirtualDispatch(*Member))
    return nullptr;
  return Callee;
}

class SpawnSummaryCache : public TranslationUnitState {
public:
  explicit SpawnSummaryCache(ASTContext &Context) : Context(Context) {}

  const SpawnSummary &get(const FunctionDecl &Function) {
    const SpawnSummary *Found =
        Table.get(Function, [&](const FunctionDecl &Definition) {
          return summarize(Definition);
        });
    return Found ? *Found : Empty;
  }

private:
  SpawnSummary summarize(const FunctionDecl &Function);
  void addLaunch(const Launch &L, const FunctionDecl &Function,
                 const FunctionAnalysis &Body, SpawnSummary &Summary);
  void addCall(const CallExpr &Call, const FunctionDecl &Function,
               const FunctionAnalysis &Body, SpawnSummary &Summary);

  ASTContext &Context;
  SpawnSummary Empty;
  summaries::SummaryTable<SpawnSummary> Table;
};

SpawnSummary SpawnSummaryCache::summarize(const FunctionDecl &Function) {
  SpawnSummary Summary;
  const FunctionAnalysis &Body =
      AnalysisCache::of(*Function.getBody(), Context);
  const SourceManager &SM = Context.getSourceManager();
  // Code inside a lambda runs when the lambda is called, not by the call.
  forEachLaunch(Body.body(), Context, [&](const Launch &L) {
    if (!Body.enclosingLambda(*L.Call) &&
        !SM.isInSystemHeader(SM.getExpansionLoc(L.Call->getBeginLoc())))
      addLaunch(L, Function, Body, Summary);
  });
  forEachDescendant(&Body.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Call = dyn_cast<CallExpr>(&S))
      addCall(*Call, Function, Body, Summary);
  });
  return Summary;
}

void SpawnSummaryCache::addLaunch(const Launch &L, const FunctionDecl &Function,
                                  const FunctionAnalysis &Body,
                                  SpawnSummary &Summary) {
  OutlivingStart Start;
  Start.Where = Start.Origin = L.Call;
  Start.OriginFunction = &Function;
  Start.Description = L.description();
  bool EveryPath = summaries::onEveryPath(Body, *L.Call);
  if (L.startsProcess()) {
    if (isNamed(calleeOf(L.Call), {"::fork", "::vfork"}) && !Summary.Fork) {
      Summary.Fork = L.Call;
      Summary.ForkFunction = &Function;
    }
    // A wait for any child here reaps this one (or a sibling: unsure).
    bool WaitsForAny = false;
    forEachDescendant(&Body.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Call = dyn_cast<CallExpr>(&S))
        WaitsForAny |= waitsForAnyChild(*Call);
    });
    if (WaitsForAny)
      return;
    SpawnSite Site = describeSpawn(L, Body);
    const auto *Call = dyn_cast<CallExpr>(L.Call);
    if (!Call)
      return;
    if (Site.Discarded) {
      // Lost for good on some path of the parent that returns (not the
      // daemon's parent, which exits).
      HandleEvents Events;
      Events.AtStmt[Call] = HandleEffect::Start;
      if (startResultOf(Call->getDirectCallee()) != StartResult::None)
        Events.CheckedStarts.push_back(Call);
      if (findLostStarts(Body, Events).empty())
        return;
    } else if (isLocalPid(Site.Holder)) {
      ChildProcessUses Uses =
          collectChildProcessUses(Body, *cast<VarDecl>(Site.Holder));
      if (Uses.Escapes || hasFinish(Uses.Events) ||
          findBadExits(Body, *cast<VarDecl>(Site.Holder), Uses.Events,
                       {HandleLifetime::Value, /*FinishIsFinal=*/false})
              .empty())
        return;
    } else {
      return; // returned, stored elsewhere: the caller's to wait for
    }
    Start.Kind = OutlivingKind::Process;
    Start.EveryCall = EveryPath;
    Summary.StartsOutliving.push_back(Start);
    return;
  }
  WorkerLifetime Lifetime = lifetimeOf(L, Body);
  if (L.Kind == LaunchKind::PoolSubmit || L.Kind == LaunchKind::AsioPost) {
    // A task on a pool of someone else's that nothing here waits for.
    if (Lifetime.Kind != WorkerLifetime::Tracked || Lifetime.Var ||
        hasFinish(Lifetime.Events))
      return;
    auto Keeper = keeperAt(poolOfLaunch(L), Function);
    if (!Keeper)
      return;
    Start.Kind = OutlivingKind::PoolTask;
    std::tie(Start.Keeper, Start.ParamIndex) = *Keeper;
    Start.EveryCall = EveryPath;
    Summary.StartsOutliving.push_back(Start);
    return;
  }
  if (!L.startsOwnThread())
    return;
  SpawnSite Site = describeSpawn(L, Body);
  std::optional<std::pair<WorkerKeeper, unsigned>> Keeper;
  bool EveryCall = EveryPath;
  if (Lifetime.Kind == WorkerLifetime::RunsOn) {
    if (hasFinish(Lifetime.Events))
      return; // a later use may join it
    const auto *Local = dyn_cast_or_null<VarDecl>(Site.Holder);
    if (Local && Local->hasLocalStorage() && !isa<ParmVarDecl>(Local)) {
      if (!Lifetime.Detached)
        return;
      Keeper = std::make_pair(WorkerKeeper::Nobody, 0u);
      EveryCall = EveryCall && detachedOnEveryCall(*Local, Body);
    } else {
      Keeper = keeperOf(Site.Holder, Function);
    }
  } else if (Lifetime.Kind == WorkerLifetime::Untracked &&
             isa_and_nonnull<ParmVarDecl>(Site.Holder)) {
    Keeper = keeperOf(Site.Holder, Function); // an out-parameter
  }
  if (!Keeper)
    return;
  Start.Kind = OutlivingKind::Thread;
  std::tie(Start.Keeper, Start.ParamIndex) = *Keeper;
  Start.EveryCall = EveryCall;
  Summary.StartsOutliving.push_back(Start);
}

void SpawnSummaryCache::addCall(const CallExpr &Call,
                                const FunctionDecl &Function,
                                const FunctionAnalysis &Body,
                                SpawnSummary &Summary) {
  const FunctionDecl *Callee = calledCode(Call);
  if (!Callee)
    return; // unknown code starts nothing
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    Object = Member->getImplicitObjectArgument();
  const SpawnSummary &Called = get(*Callee);
  if (Called.Fork && !Summary.Fork) {
    Summary.Fork = Called.Fork;
    Summary.ForkFunction = Called.ForkFunction;
  }
  if (Called.StartsOutliving.empty())
    return;
  bool EveryPath = summaries::onEveryPath(Body, Call);
  for (const OutlivingStart &Inner : Called.StartsOutliving) {
    std::optional<std::pair<WorkerKeeper, unsigned>> Keeper;
    switch (Inner.Keeper) {
    case WorkerKeeper::Nobody:
    case WorkerKeeper::Global:
      Keeper = std::make_pair(Inner.Keeper, 0u);
      break;
    case WorkerKeeper::Member:
      // A member function of this object (written without an object, the
      // object is `this`) or of a parameter's or a global's.
      if (Object)
        Keeper = keeperAt(Object, Function);
      break;
    case WorkerKeeper::Parameter:
      if (Inner.ParamIndex < Call.getNumArgs())
        Keeper = keeperAt(Call.getArg(Inner.ParamIndex), Function);
      break;
    }
    if (!Keeper)
      continue; // kept in a local object: it ends with the function
    OutlivingStart Start = Inner;
    Start.Where = &Call;
    std::tie(Start.Keeper, Start.ParamIndex) = *Keeper;
    Start.EveryCall = Inner.EveryCall && EveryPath;
    Summary.StartsOutliving.push_back(Start);
  }
}

/// The object of a member call, or null.
const Expr *objectOf(const Stmt &S) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S))
    return Member->getImplicitObjectArgument();
  return nullptr;
}

/// Whether E is `this` (also implicit) or names the same object as Root.
bool isSameObject(const Expr *E, const ValueDecl *Root, bool RootIsThis) {
  E = stripped(E);
  if (!E)
    return false;
  if (RootIsThis)
    return isa<CXXThisExpr>(E);
  return rootVariable(E) == Root;
}

} // namespace

const SpawnSummary &SpawnSummaries::of(const FunctionDecl &Function,
                                       ASTContext &Context) {
  return AnalysisCache::layerState<SpawnSummaryCache>(Context).get(Function);
}

const SpawnSummary *SpawnSummaries::ofCall(const CallExpr &Call,
                                           ASTContext &Context) {
  const FunctionDecl *Callee = calledCode(Call);
  return Callee ? &of(*Callee, Context) : nullptr;
}

bool mayEndKeptWorker(const OutlivingStart &Start, const Expr &StartCall,
                      const Stmt &Other) {
  if (&Other == &StartCall)
    return false;
  switch (Start.Keeper) {
  case WorkerKeeper::Nobody:
    return false;
  case WorkerKeeper::Global: {
    const auto *Call = dyn_cast<CallExpr>(&Other);
    if (!Call)
      return false;
    const FunctionDecl *Callee = Call->getDirectCallee();
    return !Callee || !summaries::isInSystemHeader(*Callee);
  }
  case WorkerKeeper::Member: {
    const Expr *Object = objectOf(StartCall);
    bool IsThis = !Object || isa<CXXThisExpr>(stripped(Object));
    const ValueDecl *Root = IsThis ? nullptr : rootVariable(Object);
    if (!IsThis && !Root)
      return true; // not understood: it may
    if (isSameObject(objectOf(Other), Root, IsThis))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(&Other))
      for (const Expr *Arg : Call->arguments())
        if (isSameObject(Arg, Root, IsThis))
          return true;
    return false;
  }
  case WorkerKeeper::Parameter: {
    const auto *Call = dyn_cast<CallExpr>(&StartCall);
    if (!Call || Start.ParamIndex >= Call->getNumArgs())
      return true;
    const ValueDecl *Root = rootVariable(Call->getArg(Start.ParamIndex));
    return !Root || mentions(&Other, Root);
  }
  }
  return true;
}

} // namespace clang::tidy::parlint
