// unbounded-spawn across a call: `handle(conn)` in an input loop, where
// handle() starts a detached thread every time, is one thread per item.
#include "UnboundedSpawnCheck.h"
#include "../analysis/OutlivingSpawns.h"
#include "../common/AstHelpers.h"
#include "../model/Pools.h"
#include "../model/RuntimeApi.h"

#include <deque>

namespace clang::tidy::parlint {

void UnboundedSpawnCheck::checkSpawningCalls(
    const FunctionUnderCheck &Function,
    llvm::ArrayRef<const Stmt *> ReportedLoops) {
  const SourceManager &SM = Function.Context.getSourceManager();
  llvm::SmallVector<const Stmt *, 4> Reported(ReportedLoops.begin(),
                                              ReportedLoops.end());
  forEachDescendant(&Function.Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call || !Call->getDirectCallee() ||
        !Call->getDirectCallee()->hasBody())
      return;
    SourceLocation Where = SM.getExpansionLoc(Call->getBeginLoc());
    if (Where.isInvalid() || SM.isInSystemHeader(Where))
      return;
    // Only calls inside a loop are worth summarizing.
    bool InLoop = false;
    for (const Stmt *P = Function.Analysis.parent(*Call); P && !InLoop;
         P = Function.Analysis.parent(*P))
      InLoop = isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P);
    if (!InLoop)
      return;
    OutlivingSpawn Spawned = outlivingSpawnOf(*Call, Function.Context);
    if (!Spawned)
      return;
    // The call stands for the detached thread it starts: the loop's bound,
    // its caps on live workers and its waits are read as for a spawn here.
    Launch AsSpawn;
    AsSpawn.Call = Call;
    AsSpawn.Kind = LaunchKind::Thread;
    SpawnSite Site;
    Site.Spawn = &AsSpawn;
    std::optional<Finding> Found = findUnboundedLoop(Site, Function);
    if (!Found || Found->How != Creation::Concurrent ||
        llvm::is_contained(Reported, Found->Loop) || !firstReportAt(Where))
      return;
    Reported.push_back(Found->Loop);
    bool PoolCode = false;
    if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function.Decl))
      PoolCode = isPoolImplementation(Method->getParent());
    diag(Where, "calling %0 on every iteration of a loop without a small "
                "bound creates an unbounded number of threads: each call "
                "starts a detached thread; use a bounded pool"
                "%select{| such as %2 through a %3}1")
        << Call->getDirectCallee() << !PoolCode << runtime::DefaultPool
        << runtime::TaskGroupType;
    diag(SM.getExpansionLoc(Found->Loop->getBeginLoc()),
         loopExplanation(Found->Verdict.Kind), DiagnosticIDs::Note);
    diag(SM.getExpansionLoc(Spawned.Launch->getBeginLoc()),
         "the detached thread is started here, in %0", DiagnosticIDs::Note)
        << Spawned.LaunchFunction;
  });
}

} // namespace clang::tidy::parlint
