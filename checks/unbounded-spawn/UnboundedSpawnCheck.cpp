#include "UnboundedSpawnCheck.h"

#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {
namespace {

StringRef loopExplanation(LoopKind Kind) {
  switch (Kind) {
  case LoopKind::RangeOverContainer:
    return "the loop iterates over a container or range, so its trip count "
           "grows with the input";
  case LoopKind::ContainerSize:
    return "the loop's bound is derived from a container's size";
  case LoopKind::IteratorRange:
    return "the loop walks an iterator range";
  case LoopKind::InputCondition:
    return "the loop's condition reads input, so it runs once per input";
  case LoopKind::InputBody:
    return "the loop reads input on every iteration, so it runs once per "
           "input";
  case LoopKind::Infinite:
    return "the loop has no exit condition";
  case LoopKind::LargeConstant:
    return "the loop runs %0 times, more than MaxConstantTripCount (%1)";
  case LoopKind::Bounded:
    break;
  }
  return "";
}

bool isSpawn(const Launch &L) {
  return L.startsOwnThread() || L.startsProcess();
}

/// A child that runs another program: posix_spawn, or an exec* call in the
/// loop body. Running programs is what processes are for; no pool helps.
bool runsProgram(const Launch &Spawn, const Stmt &LoopBody) {
  if (isNamed(calleeOf(Spawn.Call), {"::posix_spawn", "::posix_spawnp"}))
    return true;
  bool Execs = false;
  forEachDescendant(&LoopBody, /*SkipLambdas=*/true, [&](const Stmt &S) {
    Execs |= isNamed(calleeOf(dyn_cast<Expr>(&S)),
                     {"::execv", "::execvp", "::execve", "::execl", "::execlp",
                      "::execle", "::execvpe", "::fexecve", "::system"});
  });
  return Execs;
}

/// Whether the handle is one worker (a thread or future variable, a
/// discarded temporary) rather than a container of them.
bool holdsOneWorker(const SpawnSite &Site) {
  if (Site.WaitedAtOnce || !Site.Holder)
    return true;
  HandleType Type = handleTypeOf(Site.Holder->getType());
  return Type == HandleType::Thread || Type == HandleType::JThread ||
         Type == HandleType::Future || Type == HandleType::PosixThread ||
         Site.Holder->getType()->isIntegerType();
}

} // namespace

UnboundedSpawnCheck::UnboundedSpawnCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Both),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 64U)) {}

void UnboundedSpawnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
}

void UnboundedSpawnCheck::checkFunction(const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &Spawn) {
    if (!isSpawn(Spawn) || Spawn.Call->getBeginLoc().isInvalid())
      return;
    SourceLocation Where = SM.getExpansionLoc(Spawn.Call->getBeginLoc());
    if (SM.isInSystemHeader(Where))
      return;
    SpawnSite Site = describeSpawn(Spawn, Function.Analysis);
    if (auto Found = findUnboundedLoop(Site, Function))
      report(Site, *Found, SM);
  });
}

std::optional<UnboundedSpawnCheck::Finding>
UnboundedSpawnCheck::findUnboundedLoop(const SpawnSite &Site,
                                       const FunctionUnderCheck &Function) const {
  // The grown container, for `while (threads.size() < n)`.
  const ValueDecl *Grown = Site.Holder;
  const FunctionAnalysis &Analysis = Function.Analysis;
  const Stmt *WaitingLoop = nullptr; // the innermost loop that waits
  bool InsideSmallLoop = false;      // a bounded, non-waiting loop is inside
  const Stmt *Node = Site.Spawn->Call;
  while (const Stmt *Parent = Analysis.parent(*Node)) {
    // The loop must be in the spawn's own body: a lambda defined in a loop
    // runs when it is called, not once per iteration.
    if (isa<LambdaExpr, BlockExpr>(Parent))
      return std::nullopt;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent) &&
        runsEachIteration(*Parent, Node)) {
      const Stmt *Body = loopBody(*Parent);
      if (!Body)
        return std::nullopt;
      if (!WaitingLoop && isWaitedWithin(Site, *Body, Function.Context)) {
        // One child per item that runs a program and is waited: that is
        // how programs are run, not a job for a pool.
        if (Site.Spawn->startsProcess() && runsProgram(*Site.Spawn, *Body))
          return std::nullopt;
        WaitingLoop = Parent;
      }
      LoopVerdict Verdict = classifyLoop(*Parent, Grown, MaxConstantTripCount,
                                         Function.Context);
      if (Verdict.Kind != LoopKind::Bounded) {
        // A search for the program to run (posix_spawn along PATH) that
        // stops at the first spawn that succeeds.
        if (isNamed(calleeOf(Site.Spawn->Call),
                    {"::posix_spawn", "::posix_spawnp"}) &&
            stopsOnSpawnResult(*Site.Spawn, *Body, Analysis))
          return std::nullopt;
        Finding Found{Parent, Verdict, Creation::Concurrent};
        if (WaitingLoop && (InsideSmallLoop || WaitingLoop != Parent))
          Found.How = Creation::NestedBatches;
        else if (WaitingLoop)
          Found.How = holdsOneWorker(Site) ? Creation::OneAtATime
                                           : Creation::Window;
        return Found;
      }
      if (!WaitingLoop)
        InsideSmallLoop = true;
    }
    Node = Parent;
  }
  return std::nullopt;
}

void UnboundedSpawnCheck::report(const SpawnSite &Site, const Finding &Found,
                                 const SourceManager &SM) {
  SourceLocation Where = SM.getExpansionLoc(Site.Spawn->Call->getBeginLoc());
  if (!firstReportAt(Where))
    return;
  const Launch &Spawn = *Site.Spawn;
  bool Process = Spawn.startsProcess();
  StringRef Worker = Process ? "process" : "thread";
  StringRef Pool = Process ? "parlint::ProcessPool" : "parlint::ThreadPool";
  switch (Found.How) {
  case Creation::Concurrent:
    diag(Where, "%0 on every iteration of a loop without a small bound "
                "creates an unbounded number of %1; use a bounded pool such "
                "as %2")
        << Spawn.description() << (Process ? "processes" : "threads") << Pool;
    break;
  case Creation::OneAtATime:
    diag(Where, "%0 and waiting for it in the same iteration of a loop "
                "without a small bound runs the items one at a time and "
                "creates a %1 per item; use a bounded pool such as %2")
        << Spawn.description() << Worker << Pool;
    break;
  case Creation::Window:
    diag(Where, "%0 on every iteration of a loop without a small bound "
                "creates a %1 per item even though only a few run at once; "
                "use a bounded pool such as %2, which reuses its workers")
        << Spawn.description() << Worker << Pool;
    break;
  case Creation::NestedBatches:
    diag(Where, "%0 in batches inside a loop without a small bound creates "
                "%1s in proportion to the input even though each batch is "
                "waited for; use a bounded pool such as %2, which reuses its "
                "workers")
        << Spawn.description() << Worker << Pool;
    break;
  }
  auto Note = diag(SM.getExpansionLoc(Found.Loop->getBeginLoc()),
                   loopExplanation(Found.Verdict.Kind), DiagnosticIDs::Note);
  if (Found.Verdict.Kind == LoopKind::LargeConstant)
    Note << static_cast<int>(Found.Verdict.Trips) << MaxConstantTripCount;
}

} // namespace clang::tidy::parlint
