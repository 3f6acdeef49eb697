#include "UnboundedSpawnCheck.h"

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

/// Whether Child, a direct child of Loop, is evaluated on every iteration:
/// the body and the condition, not a for-init or a range-for's range.
bool runsEachIteration(const Stmt &Loop, const Stmt *Child) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return Child != For->getInit();
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop))
    return Child == RangeFor->getBody();
  return true;
}

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return Do->getBody();
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop))
    return RangeFor->getBody();
  return nullptr;
}

bool isSpawn(const Launch &L) {
  return L.startsOwnThread() || L.startsProcess();
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
    LoopVerdict Verdict;
    if (const Stmt *Loop = findUnboundedLoop(Site, Function, Verdict))
      report(Site, *Loop, Verdict, SM);
  });
}

const Stmt *
UnboundedSpawnCheck::findUnboundedLoop(const SpawnSite &Site,
                                       const FunctionUnderCheck &Function,
                                       LoopVerdict &Verdict) const {
  // The grown container, for `while (threads.size() < n)`.
  const ValueDecl *Grown = Site.Holder;
  const FunctionAnalysis &Analysis = Function.Analysis;
  const Stmt *Node = Site.Spawn->Call;
  while (const Stmt *Parent = Analysis.parent(*Node)) {
    // The loop must be in the spawn's own body: a lambda defined in a loop
    // runs when it is called, not once per iteration.
    if (isa<LambdaExpr, BlockExpr>(Parent))
      return nullptr;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent) &&
        runsEachIteration(*Parent, Node)) {
      const Stmt *Body = loopBody(*Parent);
      // Waited for in the iteration: one at a time, whatever outer loops do.
      if (!Body || isWaitedWithin(Site, *Body, Function.Context))
        return nullptr;
      Verdict = classifyLoop(*Parent, Grown, MaxConstantTripCount,
                             Function.Context);
      if (Verdict.Kind != LoopKind::Bounded)
        return Parent;
    }
    Node = Parent;
  }
  return nullptr;
}

void UnboundedSpawnCheck::report(const SpawnSite &Site, const Stmt &Loop,
                                 LoopVerdict Verdict, const SourceManager &SM) {
  SourceLocation Where = SM.getExpansionLoc(Site.Spawn->Call->getBeginLoc());
  if (!firstReportAt(Where))
    return;
  bool Process = Site.Spawn->startsProcess();
  diag(Where, "%0 on every iteration of a loop without a small bound creates "
              "an unbounded number of %1; use a bounded pool such as %2")
      << Site.Spawn->description() << (Process ? "processes" : "threads")
      << (Process ? "parlint::ProcessPool" : "parlint::ThreadPool");
  auto Note = diag(SM.getExpansionLoc(Loop.getBeginLoc()),
                   loopExplanation(Verdict.Kind), DiagnosticIDs::Note);
  if (Verdict.Kind == LoopKind::LargeConstant)
    Note << static_cast<int>(Verdict.Trips) << MaxConstantTripCount;
}

} // namespace clang::tidy::parlint
