#include "OutlivingSpawns.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Launch.h"
#include "SpawnHandle.h"
#include "FunctionMemo.h"
#include "SummaryScanner.h"
#include "WorkerLifetime.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {
namespace {

/// Calls followed below the called function (a handler calling a starter
/// calling the launch is as deep as real code goes).
constexpr unsigned MaxSpawnDepth = 3;

/// Whether S runs on every path through Function's body that does not leave
/// it early: not in a loop, a branch, a handler or a lambda (the condition
/// of an `if`, a `switch` or a `?:` and the left operand of `&&`/`||` always
/// run).
bool runsOnEveryCall(const Stmt &S, const FunctionAnalysis &Function) {
  const Stmt *Node = &S;
  while (const Stmt *Parent = Function.parent(*Node)) {
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, CaseStmt,
            DefaultStmt, CXXCatchStmt, LambdaExpr, BlockExpr>(Parent))
      return false;
    if (const auto *If = dyn_cast<IfStmt>(Parent);
        If && Node != If->getCond() && Node != If->getInit() &&
        Node != If->getConditionVariableDeclStmt())
      return false;
    if (const auto *Switch = dyn_cast<SwitchStmt>(Parent);
        Switch && Node != Switch->getCond() && Node != Switch->getInit())
      return false;
    if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(Parent);
        Conditional && Node != Conditional->getCond())
      return false;
    if (const auto *Logical = dyn_cast<BinaryOperator>(Parent);
        Logical && Logical->isLogicalOp() && Node != Logical->getLHS())
      return false;
    Node = Parent;
  }
  return true;
}

/// Whether the launch starts a thread that this function lets go.
bool startsDetachedThread(const Launch &Spawn,
                          const FunctionAnalysis &Function) {
  if (!Spawn.startsOwnThread())
    return false;
  SpawnSite Site = describeSpawn(Spawn, Function);
  if (Site.WaitedAtOnce || Site.Discarded)
    return false;
  WorkerLifetime Lifetime = lifetimeOf(Spawn, Function);
  if (Lifetime.Kind != WorkerLifetime::RunsOn)
    return false;
  // Detached: a local handle let go, or a temporary `std::thread(f).detach()`
  // (no holder at all). A member, global or parameter holder may be joined
  // elsewhere.
  return Lifetime.Detached || !Site.Holder;
}

OutlivingSpawn spawnOfFunction(const FunctionDecl &Function,
                               ASTContext &Context, unsigned Depth);

OutlivingSpawn spawnOfCall(const CallExpr &Call, ASTContext &Context,
                           unsigned Depth) {
  if (describeLaunch(Call, Context))
    return {};
  if (Depth > MaxSpawnDepth) {
    FunctionMemo<OutlivingSpawn>::noteCut(Context);
    return {};
  }
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
      Member && summaries::isVirtualDispatch(*Member))
    return {};
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee ? spawnOfFunction(*Callee, Context, Depth) : OutlivingSpawn{};
}

OutlivingSpawn computeSpawn(const FunctionDecl &Definition, ASTContext &Context,
                            unsigned Depth) {
  const FunctionAnalysis &Function =
      AnalysisCache::of(*Definition.getBody(), Context);
  OutlivingSpawn Found;
  forEachLaunch(*Definition.getBody(), Context, [&](const Launch &Spawn) {
    if (!Found && runsOnEveryCall(*Spawn.Call, Function) &&
        startsDetachedThread(Spawn, Function))
      Found = {Spawn.Call, &Definition};
  });
  if (Found)
    return Found;
  // Through the helpers it calls on every call.
  forEachDescendant(Definition.getBody(), /*SkipLambdas=*/true,
                    [&](const Stmt &S) {
                      const auto *Call = dyn_cast<CallExpr>(&S);
                      if (Found || !Call || !runsOnEveryCall(*Call, Function))
                        return;
                      Found = spawnOfCall(*Call, Context, Depth + 1);
                    });
  return Found;
}

OutlivingSpawn spawnOfFunction(const FunctionDecl &Function, ASTContext &Context,
                               unsigned Depth) {
  return FunctionMemo<OutlivingSpawn>::of(
      Function, Context, [&](const FunctionDecl &Definition) {
        return computeSpawn(Definition, Context, Depth);
      });
}

} // namespace

OutlivingSpawn outlivingSpawnOf(const CallExpr &Call, ASTContext &Context) {
  return spawnOfCall(Call, Context, /*Depth=*/0);
}

} // namespace clang::tidy::parlint
