#include "UnboundedSpawnCheck.h"
#include "PoolRewrite.h"

#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/RuntimeApi.h"

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

/// A loop over items (a container, a range, a count): each iteration's
/// work is independent of the others' timing. A loop that reads input
/// (accept, recv, getline) often hands each worker a connection it serves
/// for as long as the peer stays: a bounded pool would leave the next peers
/// waiting, which is not the same program.
bool loopsOverItems(LoopKind Kind) {
  return Kind == LoopKind::RangeOverContainer ||
         Kind == LoopKind::ContainerSize || Kind == LoopKind::IteratorRange ||
         Kind == LoopKind::LargeConstant;
}

/// A thread or std::async task: what a thread pool can run.
bool runsOnThreadPool(const Launch &Spawn) {
  return Spawn.startsOwnThread();
}

} // namespace

UnboundedSpawnCheck::UnboundedSpawnCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Both),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 64U)),
      FixToRuntime(parseBoolOption(Options.get("FixToRuntime", "true"))),
      PoolType(Options.get("PoolType", runtime::ThreadPoolType).str()),
      PoolHeader(Options.get("PoolHeader", runtime::ThreadPoolHeader).str()),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

void UnboundedSpawnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
  Options.store(Opts, "FixToRuntime", FixToRuntime ? "true" : "false");
  Options.store(Opts, "PoolType", PoolType);
  Options.store(Opts, "PoolHeader", PoolHeader);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void UnboundedSpawnCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  Inserter.registerPreprocessor(PP);
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
      report(Site, *Found, Function);
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

std::optional<PoolRewritePlan>
UnboundedSpawnCheck::rewritable(const SpawnSite &Site, const Finding &Found,
                                const FunctionUnderCheck &Function) const {
  // Template code: one text, many instantiations; a rewrite right for one
  // may not compile for another.
  const FunctionDecl &Decl = Function.Decl;
  if (!FixToRuntime || !getLangOpts().CPlusPlus17 ||
      Found.How != Creation::Concurrent ||
      !loopsOverItems(Found.Verdict.Kind) || Decl.isTemplated() ||
      Decl.getTemplateInstantiationPattern() ||
      !runsOnThreadPool(*Site.Spawn))
    return std::nullopt;
  return planPoolRewrite(Site, *Found.Loop, Function.Analysis).Plan;
}

void UnboundedSpawnCheck::noteExceptions(const PoolRewritePlan &Plan,
                                         const SourceManager &SM) {
  if (Plan.Shape == PoolRewriteShape::Futures)
    return; // the futures still carry each task's exception
  if (Plan.JoinAll) {
    diag(SM.getExpansionLoc(Plan.JoinAll->getBeginLoc()),
         "%0.wait_idle() rethrows the first exception a task threw, where an "
         "exception leaving a %select{std::thread|std::jthread}1 called "
         "std::terminate",
         DiagnosticIDs::Note)
        << Plan.Container->getName()
        << (Plan.Shape == PoolRewriteShape::JThreads);
    return;
  }
  diag(SM.getExpansionLoc(Plan.Container->getLocation()),
       "an exception leaving a task no longer calls std::terminate as it did "
       "in a std::jthread: the pool keeps the first one for %0.wait_idle() "
       "to rethrow, and its destructor drops it",
       DiagnosticIDs::Note)
      << Plan.Container->getName();
}

void UnboundedSpawnCheck::report(const SpawnSite &Site, const Finding &Found,
                                 const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  SourceLocation Where = SM.getExpansionLoc(Site.Spawn->Call->getBeginLoc());
  if (!firstReportAt(Where))
    return;
  const Launch &Spawn = *Site.Spawn;
  std::optional<PoolRewritePlan> Plan = rewritable(Site, Found, Function);
  std::optional<std::vector<FixItHint>> Fixes;
  if (Plan)
    Fixes = poolRewriteFixes(*Plan, Spawn, Function.Analysis, PoolType);
  bool Process = Spawn.startsProcess();
  StringRef Worker = Process ? "process" : "thread";
  StringRef Pool = Process ? StringRef("parlint::ProcessPool") : PoolType;
  {
    auto Diag = [&]() {
      switch (Found.How) {
      case Creation::Concurrent:
        return diag(Where,
                    "%0 on every iteration of a loop without a small bound "
                    "creates an unbounded number of %1; use a bounded pool "
                    "such as %2")
               << Spawn.description() << (Process ? "processes" : "threads")
               << Pool;
      case Creation::OneAtATime:
        return diag(Where,
                    "%0 and waiting for it in the same iteration of a loop "
                    "without a small bound runs the items one at a time and "
                    "creates a %1 per item; use a bounded pool such as %2")
               << Spawn.description() << Worker << Pool;
      case Creation::Window:
        return diag(Where,
                    "%0 on every iteration of a loop without a small bound "
                    "creates a %1 per item even though only a few run at "
                    "once; use a bounded pool such as %2, which reuses its "
                    "workers")
               << Spawn.description() << Worker << Pool;
      case Creation::NestedBatches:
        break;
      }
      return diag(Where,
                  "%0 in batches inside a loop without a small bound creates "
                  "%1s in proportion to the input even though each batch is "
                  "waited for; use a bounded pool such as %2, which reuses "
                  "its workers")
             << Spawn.description() << Worker << Pool;
    }();
    if (Fixes) {
      for (const FixItHint &Fix : *Fixes)
        Diag << Fix;
      Diag << Inserter.createIncludeInsertion(SM.getFileID(Where), PoolHeader);
    }
  }
  {
    auto Note = diag(SM.getExpansionLoc(Found.Loop->getBeginLoc()),
                     loopExplanation(Found.Verdict.Kind), DiagnosticIDs::Note);
    if (Found.Verdict.Kind == LoopKind::LargeConstant)
      Note << static_cast<int>(Found.Verdict.Trips) << MaxConstantTripCount;
  }
  if (Fixes) {
    noteExceptions(*Plan, SM);
    return;
  }
  // No pool version of a loop whose tasks wait for each other (it could
  // deadlock) or take a jthread's stop token (it would not compile).
  PoolRewriteBlocker TaskBlocker = poolTaskBlocker(Spawn);
  if (!getLangOpts().CPlusPlus17 || !runsOnThreadPool(Spawn) ||
      TaskBlocker == PoolRewriteBlocker::TaskWaits ||
      TaskBlocker == PoolRewriteBlocker::StopToken)
    return;
  if (auto Version = poolVersionOfLoop(Site, *Found.Loop, Function.Analysis,
                                       PoolType))
    diag(SM.getExpansionLoc(Found.Loop->getBeginLoc()),
         "a bounded pool runs the same loop: '%0'%select{|; wait for its "
         "tasks with '%1.wait_idle()'}2",
         DiagnosticIDs::Note)
        << Version->Loop << Version->Pool << (Spawn.Kind != LaunchKind::Async);
}

} // namespace clang::tidy::parlint
