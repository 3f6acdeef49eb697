#include "ReturnedWorkers.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Launch.h"
#include "ChildProcessUses.h"
#include "FunctionMemo.h"
#include "HandleFlow.h"
#include "SpawnHandle.h"
#include "SummaryScanner.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {
namespace {

/// Calls followed below the called function before the rest counts as
/// unknown: wrappers of wrappers are rare deeper than this.
constexpr unsigned MaxReturnDepth = 4;

/// The value without what passes it on unchanged: parentheses, implicit
/// nodes, casts, the copy or move into the return slot, std::move.
const Expr *unwrapped(const Expr *E) {
  while (E) {
    E = stripped(E);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E);
        Call && Call->getNumArgs() == 1 &&
        isNamed(Call->getDirectCallee(), {"::std::move"})) {
      E = Call->getArg(0);
      continue;
    }
    return E;
  }
  return nullptr;
}

/// The launch E is, when it starts a worker whose handle is the value: a
/// std::thread constructed from a callable, a std::async that may run on
/// its own thread, fork() or vfork() (posix_spawn returns an error code).
ReturnedWorker launchedBy(const Expr *E, const FunctionDecl &Function,
                          ASTContext &Context) {
  if (!E)
    return {};
  std::optional<Launch> Spawn = describeLaunch(*E, Context);
  if (!Spawn)
    return {};
  if (Spawn->Kind == LaunchKind::Thread)
    return {ReturnedWorker::RunningThread, E, &Function};
  if (Spawn->Kind == LaunchKind::Async && Spawn->StartsThread)
    return {ReturnedWorker::AsyncFuture, E, &Function};
  if (Spawn->Kind == LaunchKind::Process &&
      startResultOf(calleeOf(Spawn->Call)) == StartResult::ChildPid)
    return {ReturnedWorker::ChildPid, Spawn->Call, &Function};
  return {};
}

ReturnedWorker returnedBy(const FunctionDecl &Function, ASTContext &Context,
                          unsigned Depth);

/// What the call returns, through its callee.
ReturnedWorker returnedByCall(const CallExpr &Call, ASTContext &Context,
                              unsigned Depth) {
  if (Depth > MaxReturnDepth) {
    FunctionMemo<ReturnedWorker>::noteCut(Context);
    return {};
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
      Member && summaries::isVirtualDispatch(*Member))
    return {};
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return {}; // through a pointer or std::function
  return returnedBy(*Callee, Context, Depth);
}

/// A local initialized by a launch whose every other mention is a returned
/// value: the function hands its worker back untouched.
ReturnedWorker launchedIntoLocal(const DeclRefExpr &Ref,
                                 const FunctionDecl &Function,
                                 ASTContext &Context) {
  const auto *Var = dyn_cast<VarDecl>(Ref.getDecl());
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      !Var->getInit())
    return {};
  ReturnedWorker Launched = launchedBy(unwrapped(Var->getInit()), Function,
                                       Context);
  if (!Launched)
    return {};
  // Every mention of the local must be a returned value.
  unsigned Mentions = 0, Returned = 0;
  forEachDescendant(Function.getBody(), /*SkipLambdas=*/false,
                    [&](const Stmt &S) {
                      if (const auto *Use = dyn_cast<DeclRefExpr>(&S);
                          Use && Use->getDecl() == Var)
                        ++Mentions;
                      if (const auto *Return = dyn_cast<ReturnStmt>(&S);
                          Return && Return->getRetValue())
                        if (const auto *Value = dyn_cast_or_null<DeclRefExpr>(
                                unwrapped(Return->getRetValue()));
                            Value && Value->getDecl() == Var)
                          ++Returned;
                    });
  return Mentions == Returned ? Launched : ReturnedWorker{};
}

/// A local pid returned at Return: the child started behind it (fork,
/// vfork, posix_spawn), if it may still be unwaited there. Tests of the pid
/// on the way are fine: the path engine knows fork's child and a failed
/// start have no child behind it.
ReturnedWorker returnedPid(const DeclRefExpr &Ref, const ReturnStmt &Return,
                           const FunctionDecl &Function, ASTContext &Context) {
  const auto *Var = dyn_cast<VarDecl>(Ref.getDecl());
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      !Var->getType()->isIntegerType())
    return {};
  const FunctionAnalysis &Owner = AnalysisCache::of(*Function.getBody(), Context);
  ChildProcessUses Uses =
      collectChildProcessUses(Owner, *Var, PidReturns::Record);
  if (Uses.Escapes || Uses.Spawns.empty() ||
      !mayBeRunningAt(Owner, Var, Uses.Events, Return,
                      {HandleLifetime::Value, /*FinishIsFinal=*/false}))
    return {};
  return {ReturnedWorker::ChildPid, Uses.Spawns.front(), &Function};
}

/// What one returned value is.
ReturnedWorker returnedValue(const ReturnStmt &Return,
                             const FunctionDecl &Function, bool ReturnsPid,
                             ASTContext &Context, unsigned Depth) {
  const Expr *E = unwrapped(Return.getRetValue());
  if (!E)
    return {};
  if (ReturnedWorker Launched = launchedBy(E, Function, Context))
    return Launched;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return ReturnsPid ? returnedPid(*Ref, Return, Function, Context)
                      : launchedIntoLocal(*Ref, Function, Context);
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return returnedByCall(*Call, Context, Depth + 1);
  return {};
}

/// A pid is an integer; a bool or a reference is not one.
bool mayReturnPid(QualType Type) {
  return !Type.isNull() && !Type->isDependentType() &&
         Type->isIntegerType() && !Type->isBooleanType();
}

/// A constant a function returning pids gives back when it started nothing
/// (`return -1;`).
bool isFailureConstant(const ReturnStmt &Return, ASTContext &Context) {
  const Expr *Value = Return.getRetValue();
  return Value && !Value->isValueDependent() &&
         Value->isIntegerConstantExpr(Context);
}

ReturnedWorker computeReturned(const FunctionDecl &Definition,
                               ASTContext &Context, unsigned Depth) {
  QualType Type = Definition.getReturnType();
  HandleType Returns = handleTypeOf(Type);
  bool ReturnsPid = mayReturnPid(Type);
  if (Returns != HandleType::Thread && Returns != HandleType::Future &&
      !ReturnsPid)
    return {};
  ReturnedWorker Result;
  bool Agree = true, Any = false;
  forEachDescendant(Definition.getBody(), /*SkipLambdas=*/true,
                    [&](const Stmt &S) {
                      const auto *Return = dyn_cast<ReturnStmt>(&S);
                      if (!Return || !Agree)
                        return;
                      if (ReturnsPid && isFailureConstant(*Return, Context))
                        return;
                      ReturnedWorker Value = returnedValue(
                          *Return, Definition, ReturnsPid, Context, Depth);
                      if (!Value || (Any && Value.Kind != Result.Kind)) {
                        Agree = false;
                        return;
                      }
                      if (!Any)
                        Result = Value;
                      Any = true;
                    });
  return Agree && Any ? Result : ReturnedWorker{};
}

ReturnedWorker returnedBy(const FunctionDecl &Function, ASTContext &Context,
                          unsigned Depth) {
  return FunctionMemo<ReturnedWorker>::of(
      Function, Context, [&](const FunctionDecl &Definition) {
        return computeReturned(Definition, Context, Depth);
      });
}

} // namespace

ReturnedWorker returnedWorkerOf(const CallExpr &Call, ASTContext &Context) {
  return returnedByCall(Call, Context, /*Depth=*/0);
}

ReturnedWorker droppedWorkerOf(const CallExpr &Call,
                               const FunctionAnalysis &Owner) {
  const SourceManager &SM = Owner.context().getSourceManager();
  SourceLocation Where = SM.getExpansionLoc(Call.getBeginLoc());
  if (Where.isInvalid() || SM.isInSystemHeader(Where) ||
      describeLaunch(Call, Owner.context()) ||
      !isResultDiscarded(Call, Owner))
    return {};
  return returnedWorkerOf(Call, Owner.context());
}

} // namespace clang::tidy::parlint
