#include "UnboundedSpawnCheck.h"
#include "ConcurrencyMatchers.h"
#include "UnboundedSpawnAst.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"

using namespace clang::ast_matchers;

namespace clang::tidy::parlint {
namespace {

using spawn::LoopKind;
using spawn::SpawnKind;

/// `threads.emplace_back(callable, args...)`: a std::thread constructed
/// inside the container (in a system header), so matched at the call.
auto emplaceThreadCall() {
  auto ThreadType = qualType(hasUnqualifiedDesugaredType(
      recordType(hasDeclaration(matchers::stdThreadRecord()))));
  auto ThreadContainer = classTemplateSpecializationDecl(
      hasTemplateArgument(0, refersToType(ThreadType)));
  return cxxMemberCallExpr(
      callee(cxxMethodDecl(
          hasAnyName("emplace_back", "emplace_front", "emplace"),
          ofClass(ThreadContainer))),
      unless(argumentCountIs(0)),
      // A single thread argument moves an existing thread in.
      unless(allOf(argumentCountIs(1), hasArgument(0, hasType(ThreadType)))));
}

bool isJThreadContainer(const CXXMemberCallExpr &Call) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      Call.getMethodDecl()->getParent());
  if (!Spec || Spec->getTemplateArgs().size() == 0)
    return false;
  QualType Element = Spec->getTemplateArgs()[0].getAsType();
  return spawn::isNamed(Element->getAsCXXRecordDecl(), {"::std::jthread"});
}

/// Whether a std::async call may start a thread: the default policy, or an
/// explicit one that includes std::launch::async. An unknown runtime policy
/// counts as not starting one (precision first).
bool asyncMayStartThread(const CallExpr &Call, ASTContext &Ctx) {
  if (Call.getNumArgs() == 0)
    return false;
  const Expr *Policy = Call.getArg(0);
  const auto *Enum = Policy->getType()->getAs<EnumType>();
  if (!Enum || !spawn::isNamed(Enum->getDecl(), {"::std::launch"}))
    return true; // std::async(f, args...): the default policy
  Expr::EvalResult Value;
  if (!Policy->EvaluateAsInt(Value, Ctx))
    return false;
  for (const EnumConstantDecl *Enumerator : Enum->getDecl()->enumerators())
    if (Enumerator->getName() == "async")
      return (Value.Val.getInt() & Enumerator->getInitVal()) != 0;
  return false;
}

StringRef spawnDescription(const spawn::SpawnSite &Site) {
  switch (Site.Kind) {
  case SpawnKind::Thread:
    return "starting a std::thread";
  case SpawnKind::JThread:
    return "starting a std::jthread";
  case SpawnKind::Async:
    return "calling std::async";
  case SpawnKind::PthreadCreate:
    return "calling pthread_create";
  case SpawnKind::Process:
    break;
  }
  const FunctionDecl *Callee = spawn::calleeOf(Site.Spawn);
  if (!Callee)
    return "starting a process";
  StringRef Name = Callee->getName();
  if (Name == "fork")
    return "calling fork";
  if (Name == "vfork")
    return "calling vfork";
  if (Name == "posix_spawnp")
    return "calling posix_spawnp";
  return "calling posix_spawn";
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

} // namespace

UnboundedSpawnCheck::UnboundedSpawnCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      MaxConstantTripCount(Options.get("MaxConstantTripCount", 64U)) {}

void UnboundedSpawnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "MaxConstantTripCount", MaxConstantTripCount);
}

void UnboundedSpawnCheck::registerMatchers(MatchFinder *Finder) {
  // Only spawns somewhere below a loop are worth the analysis.
  auto InLoop = hasAncestor(
      stmt(anyOf(forStmt(), whileStmt(), doStmt(), cxxForRangeStmt())));
  Finder->addMatcher(
      cxxConstructExpr(matchers::threadLaunchConstruct(), InLoop)
          .bind("thread"),
      this);
  Finder->addMatcher(emplaceThreadCall().bind("emplace"), this);
  Finder->addMatcher(callExpr(matchers::asyncCall(), InLoop).bind("async"),
                     this);
  Finder->addMatcher(
      callExpr(matchers::pthreadCreateCall(), InLoop).bind("pthread"), this);
  Finder->addMatcher(
      callExpr(matchers::processSpawnCall(), InLoop).bind("process"), this);
}

void UnboundedSpawnCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  // On code that does not compile, loop bounds and waits may have vanished
  // from the AST; judging concurrency there would be guesswork.
  if (Ctx.getDiagnostics().hasUncompilableErrorOccurred())
    return;
  const SourceManager &SM = *Result.SourceManager;
  const Expr *Spawn = nullptr;
  SpawnKind Kind = SpawnKind::Thread;
  if (const auto *Construct =
          Result.Nodes.getNodeAs<CXXConstructExpr>("thread")) {
    Spawn = Construct;
    Kind = spawn::isNamed(Construct->getConstructor()->getParent(),
                          {"::std::jthread"})
               ? SpawnKind::JThread
               : SpawnKind::Thread;
  } else if (const auto *Emplace =
                 Result.Nodes.getNodeAs<CXXMemberCallExpr>("emplace")) {
    Spawn = Emplace;
    Kind = isJThreadContainer(*Emplace) ? SpawnKind::JThread
                                        : SpawnKind::Thread;
  } else if (const auto *Async = Result.Nodes.getNodeAs<CallExpr>("async")) {
    if (!asyncMayStartThread(*Async, Ctx))
      return;
    Spawn = Async;
    Kind = SpawnKind::Async;
  } else if ((Spawn = Result.Nodes.getNodeAs<CallExpr>("pthread"))) {
    Kind = SpawnKind::PthreadCreate;
  } else if ((Spawn = Result.Nodes.getNodeAs<CallExpr>("process"))) {
    Kind = SpawnKind::Process;
  }
  if (!Spawn || Spawn->containsErrors() || Spawn->getBeginLoc().isInvalid())
    return;
  SourceLocation Where = SM.getExpansionLoc(Spawn->getBeginLoc());
  if (SM.isInSystemHeader(Where) || Reported.contains(Where.getRawEncoding()))
    return;

  spawn::SpawnSite Site = spawn::describeSpawn(*Spawn, Kind, Ctx);
  spawn::LoopVerdict Verdict;
  if (const Stmt *Loop = findUnboundedLoop(Site, Ctx, Verdict))
    report(Site, *Loop, Verdict, SM);
}

const Stmt *
UnboundedSpawnCheck::findUnboundedLoop(const spawn::SpawnSite &Site,
                                       ASTContext &Ctx,
                                       spawn::LoopVerdict &Verdict) const {
  // The grown container, for `while (threads.size() < n)`.
  const ValueDecl *Grown = Site.Holder;
  DynTypedNode Node = DynTypedNode::create(*Site.Spawn);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    DynTypedNode Parent = Parents[0];
    // The loop must be in the spawn's own body: a lambda defined in a loop
    // runs when it is called, not once per iteration.
    if (Parent.get<LambdaExpr>() || Parent.get<BlockExpr>())
      return nullptr;
    if (const auto *D = Parent.get<Decl>()) {
      if (D->isInvalidDecl())
        return nullptr;
      if (isa<FunctionDecl, BlockDecl, ObjCMethodDecl, RecordDecl>(D))
        return nullptr;
    }
    const auto *Loop = Parent.get<Stmt>();
    if (Loop && isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Loop) &&
        runsEachIteration(*Loop, Node.get<Stmt>())) {
      const Stmt *Body = loopBody(*Loop);
      // Waited for in the iteration: one at a time, whatever outer loops do.
      if (!Body || spawn::isWaitedWithin(Site, *Body, Ctx))
        return nullptr;
      Verdict = spawn::classifyLoop(*Loop, Grown, MaxConstantTripCount, Ctx);
      if (Verdict.Kind != LoopKind::Bounded)
        return Loop;
    }
    Node = Parent;
  }
}

void UnboundedSpawnCheck::report(const spawn::SpawnSite &Site,
                                 const Stmt &Loop, spawn::LoopVerdict Verdict,
                                 const SourceManager &SM) {
  SourceLocation Where = SM.getExpansionLoc(Site.Spawn->getBeginLoc());
  Reported.insert(Where.getRawEncoding());
  bool Process = Site.Kind == SpawnKind::Process;
  diag(Where, "%0 on every iteration of a loop without a small bound creates "
              "an unbounded number of %1; use a bounded pool such as %2")
      << spawnDescription(Site) << (Process ? "processes" : "threads")
      << (Process ? "parlint::ProcessPool" : "parlint::ThreadPool");
  auto Note = diag(SM.getExpansionLoc(Loop.getBeginLoc()),
                   loopExplanation(Verdict.Kind), DiagnosticIDs::Note);
  if (Verdict.Kind == LoopKind::LargeConstant)
    Note << static_cast<int>(Verdict.Trips) << MaxConstantTripCount;
}

} // namespace clang::tidy::parlint
