// unbounded-spawn across functions: a call, in a loop whose count flows from
// the input, of a function that leaves a thread or a process running on every
// call (SpawnSummaries), reported at the call with a note at the start inside
// the function; and a thread started on every level of a recursion without a
// cutoff, reported at the start.
#include "UnboundedSpawnCheck.h"

#include "../analysis/SummarySpawns.h"
#include "../common/AstHelpers.h"
#include "../model/RuntimeApi.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::parlint {
namespace {

/// Whether some loop around S in its own body counts from the input: the
/// cheap test before the call's rules and its callee's summary.
bool inInputLoop(const Stmt &S, const FunctionAnalysis &Analysis,
                 llvm::DenseMap<const Stmt *, bool> &Known) {
  for (const Stmt *Loop = enclosingLoop(S, Analysis); Loop;
       Loop = enclosingLoop(*Loop, Analysis)) {
    auto [It, Inserted] = Known.try_emplace(Loop, false);
    if (Inserted)
      It->second = classifyLoop(*Loop, nullptr, Analysis.context()).Kind !=
                   LoopKind::Bounded;
    if (It->second)
      return true;
  }
  return false;
}

/// The start a call leaves running on every call, one a pool cannot run
/// for it otherwise: a thread or a process.
const OutlivingStart *everyCallStart(const SpawnSummary &Summary) {
  if (const OutlivingStart *Thread = Summary.onEveryCall(OutlivingKind::Thread))
    return Thread;
  return Summary.onEveryCall(OutlivingKind::Process);
}

/// Whether other code of the loop may end what the call keeps running
/// (a `stop()` on the same object, a join of the container handed in).
bool endedInLoop(const OutlivingStart &Start, const CallExpr &Call,
                 const Stmt &Loop, const FunctionAnalysis &Analysis) {
  bool Ends = false;
  forEachDescendant(&Loop, /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (Ends || !isa<CallExpr, CXXConstructExpr>(S) ||
        Analysis.isWithin(S, Call) || Analysis.isWithin(Call, S))
      return;
    Ends = mayEndKeptWorker(Start, Call, S);
  });
  return Ends;
}

/// Whether the object that keeps the worker is made anew for each iteration
/// (the loop's variable, a local of its body): each object then runs its own
/// thread, or its end takes the thread with it; a design, not a thread per
/// item piling up in one place.
bool keptPerIteration(const OutlivingStart &Start, const CallExpr &Call,
                      const Stmt &Loop, const SourceManager &SM) {
  const Expr *Keeper = nullptr;
  if (Start.Keeper == WorkerKeeper::Member) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
      Keeper = Member->getImplicitObjectArgument();
  } else if (Start.Keeper == WorkerKeeper::Parameter &&
             Start.ParamIndex < Call.getNumArgs()) {
    Keeper = Call.getArg(Start.ParamIndex);
  }
  const ValueDecl *Root = Keeper ? rootVariable(Keeper) : nullptr;
  return Root && isWithin(Root, &Loop, SM);
}

struct SpawningCall {
  const CallExpr *Call;
  const OutlivingStart *Start;
  const Stmt *Loop;
  LoopKind Kind;
};

} // namespace

void UnboundedSpawnCheck::checkSpawningCalls(
    const FunctionUnderCheck &Function,
    llvm::ArrayRef<const Stmt *> ReportedLoops) {
  const FunctionAnalysis &Analysis = Function.Analysis;
  const SourceManager &SM = Function.Context.getSourceManager();
  llvm::DenseMap<const Stmt *, bool> InputLoops;
  llvm::SmallVector<SpawningCall, 2> Found;
  forEachDescendant(&Function.Body, /*SkipLambdas=*/false, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
    if (!Callee || !Callee->isDefined() || Callee->getBuiltinID() ||
        SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())) ||
        !inInputLoop(*Call, Analysis, InputLoops))
      return;
    const SpawnSummary *Summary =
        SpawnSummaries::ofCall(*Call, Function.Context);
    const OutlivingStart *Start = Summary ? everyCallStart(*Summary) : nullptr;
    if (!Start)
      return;
    // The rules of a spawn written in the loop: the count from the input,
    // caps on the live workers. The call's worker outlives it: no
    // iteration waits for it.
    Launch AtCall;
    AtCall.Call = Call;
    SpawnSite Site;
    Site.Spawn = &AtCall;
    std::optional<Finding> Loop =
        findUnboundedLoop(Site, Function, /*OutlivesCall=*/true);
    if (!Loop || llvm::is_contained(ReportedLoops, Loop->Loop) ||
        keptPerIteration(*Start, *Call, *Loop->Loop, SM) ||
        endedInLoop(*Start, *Call, *Loop->Loop, Analysis))
      return;
    Found.push_back({Call, Start, Loop->Loop, Loop->Verdict.Kind});
  });

  for (unsigned I = 0; I < Found.size(); ++I) {
    const SpawningCall &First = Found[I];
    if (llvm::any_of(llvm::ArrayRef(Found).take_front(I),
                     [&](const SpawningCall &Earlier) {
                       return Earlier.Loop == First.Loop;
                     }))
      continue; // reported with the first call of its loop
    SourceLocation Where = SM.getExpansionLoc(First.Call->getBeginLoc());
    if (!firstReportAt(Where))
      continue;
    bool Process = First.Start->Kind == OutlivingKind::Process;
    // parlint's pool is one option for threads, not inside a pool's own
    // code, nor in C, where its C++ runtime is no choice.
    bool SuggestRuntime = !Process && Function.Context.getLangOpts().CPlusPlus &&
                          !insidePoolImplementation(Function.Decl);
    diag(Where, "calling %0 on every iteration of a loop without a small "
                "bound creates an unbounded number of %select{threads|"
                "processes}1: each call leaves a %select{thread|process}1 "
                "running; use a bounded pool%select{| such as %3 through a "
                "%4}2")
        << First.Call->getDirectCallee() << Process << SuggestRuntime
        << runtime::DefaultPool << runtime::TaskGroupType;
    diag(SM.getExpansionLoc(First.Loop->getBeginLoc()),
         loopExplanation(First.Kind), DiagnosticIDs::Note);
    diag(SM.getExpansionLoc(First.Start->Origin->getBeginLoc()),
         "%0 here leaves a %select{thread|process}1 running after %2 returns",
         DiagnosticIDs::Note)
        << First.Start->Description << Process
        << First.Call->getDirectCallee();
    for (const SpawningCall &Other : llvm::ArrayRef(Found).drop_front(I + 1))
      if (Other.Loop == First.Loop)
        diag(SM.getExpansionLoc(Other.Call->getBeginLoc()),
             "calling %0 here too, on every iteration of the same loop",
             DiagnosticIDs::Note)
            << Other.Call->getDirectCallee();
  }
}

void UnboundedSpawnCheck::checkRecursiveSpawn(
    const FunctionUnderCheck &Function) {
  std::optional<RecursiveSpawn> Found =
      SpawnSummaries::recursiveSpawn(Function.Decl, Function.Context);
  if (!Found)
    return;
  const SourceManager &SM = Function.Context.getSourceManager();
  SourceLocation Where = SM.getExpansionLoc(Found->Spawn->getBeginLoc());
  if (!firstReportAt(Where))
    return;
  std::optional<Launch> Spawn = describeLaunch(*Found->Spawn, Function.Context);
  diag(Where, "%0 on every level of a recursion without a depth or size "
              "cutoff creates a thread per call, about as many as the input "
              "has elements; below a size or depth threshold, do the work in "
              "the calling thread")
      << (Spawn ? Spawn->description() : StringRef("starting a thread"));
  diag(SM.getExpansionLoc(Found->Recursion->getBeginLoc()),
       "the recursion continues here, with no cutoff on the way",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::parlint
