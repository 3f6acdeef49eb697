#include "UnboundedSpawnCheck.h"
#include "PoolRewrite.h"

#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "../model/RuntimeApi.h"
#include "../analysis/SpawnBounds.h"

#include <deque>

#include "clang/AST/StmtCXX.h"

namespace clang::tidy::parlint {

namespace {

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
         Kind == LoopKind::InputCount;
}

/// A thread or std::async task: what a thread pool can run.
bool runsOnThreadPool(const Launch &Spawn) {
  return Spawn.startsOwnThread();
}

} // namespace

/// Whether Function is code of a class that is itself a pool (or a lambda
/// inside such code): there the advice is a bounded pool, not parlint's.
bool insidePoolImplementation(const FunctionDecl &Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
  return Method && isPoolImplementation(Method->getParent());
}

StringRef loopExplanation(LoopKind Kind) {
  switch (Kind) {
  case LoopKind::RangeOverContainer:
    return "the loop iterates over a container or range, so its trip count "
           "grows with the input";
  case LoopKind::ContainerSize:
    return "the loop's bound is derived from a container's size";
  case LoopKind::IteratorRange:
    return "the loop walks an iterator range";
  case LoopKind::InputCount:
    return "the loop's bound is read at run time, so it grows with the input";
  case LoopKind::InputCondition:
    return "the loop's condition reads input, so it runs once per input";
  case LoopKind::InputBody:
    return "the loop reads input on every iteration, so it runs once per "
           "input";
  case LoopKind::Infinite:
    return "the loop has no exit condition";
  case LoopKind::Bounded:
    break;
  }
  return "";
}

UnboundedSpawnCheck::UnboundedSpawnCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ParlintCheck(Name, Context, TemplateCode::Both),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 64U)),
      FixToRuntime(parseBoolOption(Options.get("FixToRuntime", "true"))),
      PoolType(Options.get("PoolType", "").str()),
      PoolHeader(Options.get("PoolHeader", "").str()),
      Target(taskTargetFor(PoolType)),
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

StringRef UnboundedSpawnCheck::targetHeader() const {
  if (Target.Group)
    return runtime::TaskGroupHeader;
  // A project's pool type without a header of its own: the one it was
  // written against.
  return PoolHeader.empty() ? StringRef(runtime::ThreadPoolHeader)
                            : StringRef(PoolHeader);
}

void UnboundedSpawnCheck::registerPPCallbacks(const SourceManager &SM,
                                              Preprocessor *PP,
                                              Preprocessor *) {
  Inserter.registerPreprocessor(PP);
}

void UnboundedSpawnCheck::checkFunction(const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  // Launches are kept for the whole function: a SpawnSite points at one.
  std::deque<Launch> Launches;
  forEachLaunch(Function.Body, Function.Context, [&](const Launch &Spawn) {
    if (!isSpawn(Spawn) || Spawn.Call->getBeginLoc().isInvalid())
      return;
    if (SM.isInSystemHeader(SM.getExpansionLoc(Spawn.Call->getBeginLoc())))
      return;
    Launches.push_back(Spawn);
  });
  // Grouped by loop, in source order: one finding per loop.
  llvm::SmallVector<llvm::SmallVector<SpawnInLoop, 1>, 4> Loops;
  for (const Launch &Spawn : Launches) {
    SpawnSite Site = describeSpawn(Spawn, Function.Analysis);
    std::optional<Finding> Found = findUnboundedLoop(Site, Function);
    if (!Found)
      continue;
    auto Same = llvm::find_if(Loops, [&](const auto &Group) {
      return Group.front().Found.Loop == Found->Loop;
    });
    if (Same == Loops.end())
      Loops.emplace_back();
    (Same == Loops.end() ? Loops.back() : *Same).push_back({Site, *Found});
  }
  llvm::SmallVector<const Stmt *, 4> ReportedLoops;
  for (const auto &Group : Loops) {
    report(Group, Function);
    ReportedLoops.push_back(Group.front().Found.Loop);
  }
  checkSpawningCalls(Function, ReportedLoops);
  if (llvm::any_of(Launches,
                   [](const Launch &L) { return L.startsOwnThread(); }))
    checkRecursiveSpawn(Function);
}

std::optional<UnboundedSpawnCheck::Finding>
UnboundedSpawnCheck::findUnboundedLoop(const SpawnSite &Site,
                                       const FunctionUnderCheck &Function,
                                       bool OutlivesCall) const {
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
    if (isLoop(Parent) &&
        runsEachIteration(*Parent, Node)) {
      const Stmt *Body = loopBody(*Parent);
      if (!Body)
        return std::nullopt;
      if (!OutlivesCall && !WaitingLoop &&
          isWaitedWithin(Site, *Body, Function.Context)) {
        // One child per item that runs a program and is waited: that is
        // how programs are run, not a job for a pool.
        if (Site.Spawn->startsProcess() && runsProgram(*Site.Spawn, *Body))
          return std::nullopt;
        WaitingLoop = Parent;
      }
      LoopVerdict Verdict = classifyLoop(*Parent, Grown, Function.Context);
      if (Verdict.Kind != LoopKind::Bounded) {
        // A search for the program to run that stops at the first spawn
        // that succeeds (posix_spawn along PATH) starts one process; a
        // pool starting its own workers, and a spawn capped by a count of
        // live workers, are bounded by their limit.
        if ((isNamed(calleeOf(Site.Spawn->Call),
                     {"::posix_spawn", "::posix_spawnp"}) &&
             stopsOnSpawnResult(*Site.Spawn, *Body, Analysis)) ||
            startsOwnWorkers(Site, Function.Decl, Verdict.Kind) ||
            isCappedByLiveCount(Site, *Parent, Analysis))
          return std::nullopt;
        Finding Found{Parent, Verdict, Creation::Concurrent};
        if (WaitingLoop && (InsideSmallLoop || WaitingLoop != Parent))
          Found.How = Creation::NestedBatches;
        else if (WaitingLoop)
          Found.How = holdsOneWorker(Site) ? Creation::OneAtATime
                                           : Creation::Window;
        // One worker at a time in a loop driven by arrivals (a server
        // serving one request after another, a test forking once per step)
        // keeps one alive: bounded. Only a loop over items pays a creation
        // per item that a pool's reused workers would save.
        if (Found.How == Creation::OneAtATime && !loopsOverItems(Verdict.Kind))
          return std::nullopt;
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
  // may not compile for another. A pool's own code gets no other pool.
  const FunctionDecl &Decl = Function.Decl;
  if (!FixToRuntime || !getLangOpts().CPlusPlus17 ||
      Found.How != Creation::Concurrent ||
      !loopsOverItems(Found.Verdict.Kind) || Decl.isTemplated() ||
      Decl.getTemplateInstantiationPattern() ||
      !runsOnThreadPool(*Site.Spawn) || insidePoolImplementation(Decl))
    return std::nullopt;
  return planPoolRewrite(Site, *Found.Loop, Function.Analysis).Plan;
}

void UnboundedSpawnCheck::noteExceptions(const PoolRewritePlan &Plan,
                                         const SourceManager &SM) {
  if (Plan.Shape == PoolRewriteShape::Futures)
    return; // the futures still carry each task's exception
  // The rewrite's group or pool is named by its type: the user's container
  // does not have these functions before the fix.
  if (Plan.JoinAll) {
    diag(SM.getExpansionLoc(Plan.JoinAll->getBeginLoc()),
         "with the fix, %0::%1() here rethrows the first exception a "
         "task threw, where an exception leaving a "
         "%select{std::thread|std::jthread}2 called std::terminate",
         DiagnosticIDs::Note)
        << Target.Type << Target.waitAll()
        << (Plan.Shape == PoolRewriteShape::JThreads);
    return;
  }
  diag(SM.getExpansionLoc(Plan.Container->getLocation()),
       "with the fix, an exception leaving a task no longer calls "
       "std::terminate as it did in a std::jthread: %0 keeps the first one "
       "for %1() to rethrow, and its destructor drops it",
       DiagnosticIDs::Note)
      << Target.Type << Target.waitAll();
}

void UnboundedSpawnCheck::notePoolVersion(const SpawnInLoop &Spawn,
                                          const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  const Launch &Launched = *Spawn.Site.Spawn;
  // No pool version of a loop whose tasks wait for each other (it could
  // deadlock) or take a jthread's stop token (it would not compile).
  PoolRewriteBlocker TaskBlocker = poolTaskBlocker(Launched);
  if (!getLangOpts().CPlusPlus17 || !runsOnThreadPool(Launched) ||
      TaskBlocker == PoolRewriteBlocker::TaskWaits ||
      TaskBlocker == PoolRewriteBlocker::StopToken)
    return;
  // A loop that never ends is a server: its tasks (often whole sessions)
  // would hold the process's shared workers for good and starve every other
  // group; the warning's "bounded pool" is the advice there, not this note.
  if (Target.Group && Spawn.Found.Verdict.Kind == LoopKind::Infinite)
    return;
  auto Version = poolVersionOfLoop(Spawn.Site, *Spawn.Found.Loop,
                                   Function.Analysis, Target);
  if (!Version)
    return;
  // A loop that never ends has no point to wait at.
  bool Waits = Launched.Kind != LaunchKind::Async &&
               Spawn.Found.Verdict.Kind != LoopKind::Infinite;
  SourceLocation Loop = SM.getExpansionLoc(Spawn.Found.Loop->getBeginLoc());
  if (!Version->Loop.empty()) {
    diag(Loop,
         "%select{a bounded pool|a task group on parlint's shared pool}0 runs "
         "the same loop: '%1'%select{|; wait for its tasks with '%2.%3()'}4",
         DiagnosticIDs::Note)
        << Target.Group << Version->Loop << Version->Pool << Target.waitAll()
        << Waits;
    return;
  }
  // The loop's own text is too long to quote: say what changes instead.
  diag(Loop,
       "%select{a bounded pool|a task group on parlint's shared pool}0 runs "
       "the same loop: declare '%1 %2;' before it and hand each iteration's "
       "work to '%2.%select{post|submit}3(...)' with the same callable and "
       "arguments%select{|; wait for its tasks with '%2.%4()'}5",
       DiagnosticIDs::Note)
      << Target.Group << Target.Type << Version->Pool
      << (Launched.Kind == LaunchKind::Async) << Target.waitAll() << Waits;
}

void UnboundedSpawnCheck::report(llvm::ArrayRef<SpawnInLoop> Spawns,
                                 const FunctionUnderCheck &Function) {
  const SourceManager &SM = Function.Context.getSourceManager();
  const SpawnInLoop &First = Spawns.front();
  const Finding &Found = First.Found;
  SourceLocation Where =
      SM.getExpansionLoc(First.Site.Spawn->Call->getBeginLoc());
  if (!firstReportAt(Where))
    return;
  const Launch &Spawn = *First.Site.Spawn;
  bool Alone = Spawns.size() == 1;
  bool PoolCode = insidePoolImplementation(Function.Decl);
  std::optional<PoolRewritePlan> Plan;
  if (Alone)
    Plan = rewritable(First.Site, Found, Function);
  std::optional<std::vector<FixItHint>> Fixes;
  if (Plan)
    Fixes = poolRewriteFixes(*Plan, Spawn, Function.Analysis, Target);
  bool Process = Spawn.startsProcess();
  StringRef Worker = Process ? "process" : "thread";
  // Inside a pool of the user's own, the advice is a bounded pool, not ours;
  // in C too, where parlint's C++ runtime is no choice.
  // Threads by default: the shared pool, through a task group.
  enum { NoPool, APool, SharedPool } Advice =
      PoolCode || !getLangOpts().CPlusPlus ? NoPool
      : !Process && Target.Group           ? SharedPool
                                           : APool;
  StringRef Pool = Process        ? StringRef("parlint::ProcessPool")
                   : Target.Group ? StringRef(runtime::DefaultPool)
                                  : StringRef(PoolType);
  {
    // "%select{...}2" names the pool: none, Pool, or Pool through a group.
    auto Diag = [&]() {
      switch (Found.How) {
      case Creation::Concurrent:
        return diag(Where,
                    "%0 on every iteration of a loop without a small bound "
                    "creates an unbounded number of %1; use a bounded pool"
                    "%select{| such as %3| such as %3 through a %4}2")
               << Spawn.description() << (Process ? "processes" : "threads")
               << Advice << Pool << runtime::TaskGroupType;
      case Creation::OneAtATime:
        return diag(Where,
                    "%0 and waiting for it in the same iteration of a loop "
                    "without a small bound runs the items one at a time and "
                    "creates a %1 per item; use a bounded pool"
                    "%select{| such as %3| such as %3 through a %4}2")
               << Spawn.description() << Worker << Advice << Pool
               << runtime::TaskGroupType;
      case Creation::Window:
        return diag(Where,
                    "%0 on every iteration of a loop without a small bound "
                    "creates a %1 per item even though only a few run at "
                    "once; use a bounded pool"
                    "%select{| such as %3| such as %3 through a %4}2, which "
                    "reuses its workers")
               << Spawn.description() << Worker << Advice << Pool
               << runtime::TaskGroupType;
      case Creation::NestedBatches:
        break;
      }
      return diag(Where,
                  "%0 in batches inside a loop without a small bound creates "
                  "%1s in proportion to the input even though each batch is "
                  "waited for; use a bounded pool"
                  "%select{| such as %3| such as %3 through a %4}2, which "
                  "reuses its workers")
             << Spawn.description() << Worker << Advice << Pool
             << runtime::TaskGroupType;
    }();
    if (Fixes) {
      for (const FixItHint &Fix : *Fixes)
        Diag << Fix;
      Diag << Inserter.createIncludeInsertion(SM.getFileID(Where),
                                              targetHeader());
    }
  }
  diag(SM.getExpansionLoc(Found.Loop->getBeginLoc()),
       loopExplanation(Found.Verdict.Kind), DiagnosticIDs::Note);
  for (const SpawnInLoop &Other : Spawns.drop_front())
    diag(SM.getExpansionLoc(Other.Site.Spawn->Call->getBeginLoc()),
         "%0 here too, on every iteration of the same loop",
         DiagnosticIDs::Note)
        << Other.Site.Spawn->description();
  if (Fixes) {
    noteExceptions(*Plan, SM);
    return;
  }
  if (Alone && !PoolCode)
    notePoolVersion(First, Function);
}

} // namespace clang::tidy::parlint
