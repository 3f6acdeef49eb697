#include "PoolRewritePlan.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "HandleUses.h"
#include "JoinAll.h"
#include "LoopBounds.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {
namespace {

using Blocker = PoolRewriteBlocker;

std::optional<PoolRewriteShape> shapeOf(HandleType Container, LaunchKind Kind) {
  if (Container == HandleType::FutureContainer && Kind == LaunchKind::Async)
    return PoolRewriteShape::Futures;
  if (Container == HandleType::ThreadContainer &&
      (Kind == LaunchKind::ThreadInContainer || Kind == LaunchKind::Thread))
    return PoolRewriteShape::Threads;
  if (Container == HandleType::JThreadContainer &&
      (Kind == LaunchKind::JThreadInContainer || Kind == LaunchKind::JThread))
    return PoolRewriteShape::JThreads;
  return std::nullopt;
}

/// The container call that stores the spawn: the emplace_back itself, or
/// the push_back / emplace_back whose only argument is the spawn
/// (`threads.push_back(std::thread(f, x))`, `futures.push_back(std::async(..))`).
const CXXMemberCallExpr *storeCallOf(const Launch &Spawn, const VarDecl &Var,
                                     const FunctionAnalysis &Function) {
  static constexpr StringRef Stores[] = {"push_back", "emplace_back",
                                         "push_front", "emplace_front"};
  const CXXMemberCallExpr *Call = nullptr;
  if (Spawn.Kind == LaunchKind::ThreadInContainer ||
      Spawn.Kind == LaunchKind::JThreadInContainer) {
    Call = dyn_cast<CXXMemberCallExpr>(Spawn.Call);
  } else {
    const Stmt *Node = Spawn.Call;
    const Stmt *P = Function.parent(*Node);
    while (P && (isa<ImplicitCastExpr, MaterializeTemporaryExpr,
                     CXXBindTemporaryExpr, ParenExpr, CXXFunctionalCastExpr>(P) ||
                 (isa<CXXConstructExpr>(P) &&
                  cast<CXXConstructExpr>(P)->getNumArgs() == 1))) {
      Node = P;
      P = Function.parent(*Node);
    }
    Call = dyn_cast_or_null<CXXMemberCallExpr>(P);
    if (Call && (Call->getNumArgs() != 1 || Call->getArg(0) != Node))
      return nullptr;
  }
  if (!Call || !llvm::is_contained(Stores, identifierOf(Call->getMethodDecl())) ||
      !namesVariable(Call->getImplicitObjectArgument(), &Var))
    return nullptr;
  return Call;
}

/// The child of Block that contains S, or null.
const Stmt *statementIn(const Stmt &S, const Stmt &Block,
                        const FunctionAnalysis &Function) {
  for (const Stmt *Current = &S; Current;) {
    const Stmt *P = Function.parent(*Current);
    if (P == &Block)
      return Current;
    Current = P;
  }
  return nullptr;
}

/// The body the task runs, when it is visible here: the lambda's, or the
/// definition of the function.
const Stmt *taskBody(const Launch &Spawn) {
  if (Spawn.Lambda)
    return Spawn.Lambda->getBody();
  const FunctionDecl *Definition = nullptr;
  if (Spawn.Worker && Spawn.Worker->hasBody(Definition))
    return Definition->getBody();
  return nullptr;
}

} // namespace

PoolRewriteBlocker poolTaskBlocker(const Launch &Spawn) {
  if ((Spawn.Kind == LaunchKind::JThread ||
       Spawn.Kind == LaunchKind::JThreadInContainer) &&
      Spawn.mayTakeStopToken())
    return Blocker::StopToken;
  Blocker Found = Blocker::None;
  forEachDescendant(taskBody(Spawn), /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (Found != Blocker::None)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      if (waitsForAnotherThread(*Call))
        Found = Blocker::TaskWaits;
      else if (isNamed(Call->getDirectCallee(),
                       {"::std::this_thread::get_id", "::pthread_self",
                        "::gettid"}))
        Found = Blocker::ThreadIdentity;
    } else if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->getTLSKind() != VarDecl::TLS_None)
        Found = Blocker::ThreadIdentity;
    }
  });
  return Found;
}

namespace {

/// pool.submit binds the task to std::make_tuple's copies of the
/// arguments, which turns a std::reference_wrapper into a plain reference;
/// std::async passes the wrapper. The same parameter binds either way only
/// when the callable's parameters are fixed (not a template, not overloaded).
bool submitBindsLikeAsync(const Launch &Spawn) {
  bool Wrapped = llvm::any_of(Spawn.Arguments, [](const Expr *Arg) {
    QualType Type = Arg->getType().getNonReferenceType();
    return isNamed(Type->getAsCXXRecordDecl(), {"::std::reference_wrapper"});
  });
  return !Wrapped || (Spawn.Worker && !Spawn.Worker->isTemplated());
}

bool isPlain(SourceRange Range) {
  return Range.isValid() && Range.getBegin().isFileID() &&
         Range.getEnd().isFileID();
}

/// The text the rewrite edits is written in the file, not in macros.
bool isPlainlyWritten(const Launch &Spawn, const PoolRewritePlan &Plan) {
  llvm::SmallVector<SourceRange, 8> Ranges = {Spawn.Call->getSourceRange(),
                                              Plan.Store->getSourceRange(),
                                              Plan.Loop->getSourceRange()};
  if (Spawn.Callable)
    Ranges.push_back(Spawn.Callable->getSourceRange());
  for (const Expr *Arg : Spawn.Arguments)
    Ranges.push_back(Arg->getSourceRange());
  if (Plan.Declaration)
    Ranges.push_back(Plan.Declaration->getSourceRange());
  if (Plan.JoinAll)
    Ranges.push_back(Plan.JoinAll->getSourceRange());
  for (const Stmt *Dropped : Plan.Dropped)
    Ranges.push_back(Dropped->getSourceRange());
  return llvm::all_of(Ranges, isPlain);
}

/// Whether E's value is unused: it is a statement of a block, or the whole
/// body or branch of a loop or if.
bool isStatementOfItsOwn(const Expr &E, const FunctionAnalysis &Function) {
  const Stmt *Node = &E;
  const Stmt *P = Function.parent(E);
  while (P && isa<ImplicitCastExpr, ExprWithCleanups, ParenExpr>(P)) {
    Node = P;
    P = Function.parent(*P);
  }
  if (isa_and_nonnull<CompoundStmt>(P))
    return true;
  if (const auto *If = dyn_cast_or_null<IfStmt>(P))
    return If->getThen() == Node || If->getElse() == Node;
  return P && isLoop(P) &&
         loopBody(*P) == Node;
}

bool hasGoto(const Stmt &Body) {
  bool Found = false;
  forEachDescendant(&Body, /*SkipLambdas=*/true, [&](const Stmt &S) {
    Found |= isa<GotoStmt, IndirectGotoStmt>(S);
  });
  return Found;
}

/// Futures keep their container: it may be read and waited on freely, but
/// not drop futures unwaited (std::async's future waits in its destructor,
/// the pool's does not), be stored into elsewhere, or be passed on.
Blocker futureUsesBlocker(const HandleUses &Uses, const PoolRewritePlan &Plan) {
  for (const ContainerUse &Use : Uses.ContainerUses) {
    switch (Use.Kind) {
    case ContainerUseKind::Store:
      if (Use.Where != Plan.Store)
        return Blocker::OtherUse;
      break;
    case ContainerUseKind::Remove:
    case ContainerUseKind::ConstRef:
      return Blocker::OtherUse;
    default:
      break;
    }
  }
  return Blocker::None;
}

/// Threads: the container disappears, so each of its uses must be the
/// store, a reserve() statement (dropped) or inside the join-all.
Blocker threadUsesBlocker(const HandleUses &Uses, PoolRewritePlan &Plan,
                          const FunctionAnalysis &Function) {
  const Stmt &Block = *Function.parent(*Plan.Loop);
  const SourceManager &SM = Function.context().getSourceManager();
  // The join-all: a later statement of the loop's block.
  llvm::SmallPtrSet<const Stmt *, 2> JoinAlls;
  for (const ContainerUse &Use : Uses.ContainerUses) {
    if (Use.Kind != ContainerUseKind::EachElement &&
        Use.Kind != ContainerUseKind::Element)
      continue;
    const Stmt *Statement = statementIn(*Use.Where, Block, Function);
    if (Statement &&
        SM.isBeforeInTranslationUnit(Plan.Loop->getEndLoc(),
                                     Statement->getBeginLoc()) &&
        joinsAllThreads(*Statement, *Plan.Container, Function.context()))
      JoinAlls.insert(Statement);
  }
  if (JoinAlls.size() > 1)
    return Blocker::OtherUse;
  if (JoinAlls.empty() && Plan.Shape == PoolRewriteShape::Threads)
    return Blocker::NoJoinAll;
  Plan.JoinAll = JoinAlls.empty() ? nullptr : *JoinAlls.begin();

  for (const ContainerUse &Use : Uses.ContainerUses) {
    if (Plan.JoinAll && Function.isWithin(*Use.Where, *Plan.JoinAll))
      continue;
    if (Use.Kind == ContainerUseKind::Store && Use.Where == Plan.Store)
      continue;
    const auto *Call = dyn_cast<CXXMemberCallExpr>(Use.Where);
    if (Use.Kind == ContainerUseKind::Capacity && Call &&
        identifierOf(Call->getMethodDecl()) == "reserve" &&
        isa_and_nonnull<CompoundStmt>(Function.parentIgnoringImplicit(*Call))) {
      Plan.Dropped.push_back(Call);
      continue;
    }
    // A thread joined outside the join-all, or one not joined at all.
    if (Use.Kind == ContainerUseKind::EachElement &&
        Plan.Shape == PoolRewriteShape::Threads)
      return Blocker::NoJoinAll;
    return Blocker::OtherUse;
  }
  return Blocker::None;
}

/// The container's declaration becomes the pool's: a plain local of a
/// written type, default-constructed, alone in a statement of the loop's
/// block, before the loop.
bool declarationBecomesPool(const PoolRewritePlan &Plan,
                            const FunctionAnalysis &Function) {
  const VarDecl &Var = *Plan.Container;
  const DeclStmt *Declaration = Plan.Declaration;
  const TypeSourceInfo *Written = Var.getTypeSourceInfo();
  const auto *Construct =
      dyn_cast_or_null<CXXConstructExpr>(stripped(Var.getInit()));
  return Declaration->isSingleDecl() &&
         Function.parent(*Declaration) == Function.parent(*Plan.Loop) &&
         !Var.isStaticLocal() && !Var.getType().isConstQualified() &&
         !Var.getType()->getContainedAutoType() && Written &&
         isPlain(Written->getTypeLoc().getSourceRange()) && Construct &&
         Construct->getNumArgs() == 0 && !Construct->isListInitialization();
}

} // namespace

const Stmt *enclosingStatement(const Stmt &S, const FunctionAnalysis &Function) {
  const Stmt *Current = &S;
  while (const Stmt *P = Function.parent(*Current)) {
    if (!isa<Expr>(P))
      return isa<DeclStmt>(P) ? P : Current;
    Current = P;
  }
  return Current;
}

PoolRewriteVerdict planPoolRewrite(const SpawnSite &Site, const Stmt &Loop,
                                   const FunctionAnalysis &Function) {
  auto Fail = [](Blocker Why) { return PoolRewriteVerdict{std::nullopt, Why}; };
  const Launch &Spawn = *Site.Spawn;
  const auto *Var = dyn_cast_or_null<VarDecl>(Site.Holder);
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
    return Fail(Blocker::NotAContainer);
  HandleType Type = handleTypeOf(Var->getType());
  std::optional<PoolRewriteShape> Shape = shapeOf(Type, Spawn.Kind);
  const DeclStmt *Declaration = Function.declarationOf(*Var);
  if (!Shape || !Declaration || Function.isWithin(*Declaration, Loop))
    return Fail(Blocker::NotAContainer);

  PoolRewritePlan Plan;
  Plan.Shape = *Shape;
  Plan.Container = Var;
  Plan.Loop = &Loop;
  Plan.Store = storeCallOf(Spawn, *Var, Function);
  if (!Plan.Store)
    return Fail(Blocker::OtherUse);

  // A container declared in a lambda is that lambda's: its uses are there.
  const LambdaExpr *Owner = Function.enclosingLambda(*Declaration);
  HandleUses Uses = collectHandleUses(
      Owner ? *Owner->getBody() : Function.body(), *Var, Type);
  if (Uses.Escapes)
    return Fail(Blocker::ContainerEscapes);
  if (Uses.Detached)
    return Fail(Blocker::Detached);
  for (const auto &[Where, Effect] : Uses.Events.AtStmt)
    if (Effect == HandleEffect::Start && Where != Plan.Store)
      return Fail(Blocker::OtherUse);

  unsigned Spawns = 0;
  forEachLaunch(Loop, Function.context(), [&](const Launch &Other) {
    Spawns += Other.startsOwnThread() || Other.startsProcess();
  });
  if (Spawns != 1)
    return Fail(Blocker::OtherSpawn);
  if (Blocker Why = poolTaskBlocker(Spawn); Why != Blocker::None)
    return Fail(Why);

  // The pool goes into the loop's block: a declaration there must not be
  // jumped over by a switch's case or a goto.
  const Stmt *Block = Function.parent(Loop);
  const Stmt *AroundBlock = Block ? Function.parent(*Block) : nullptr;
  if (!isa_and_nonnull<CompoundStmt>(Block) ||
      isa_and_nonnull<SwitchStmt>(AroundBlock) || hasGoto(Function.body()))
    return Fail(Blocker::Placement);

  if (Plan.Shape == PoolRewriteShape::Futures) {
    if (!submitBindsLikeAsync(Spawn))
      return Fail(Blocker::ReferenceArgument);
    const auto *Callee = dyn_cast<DeclRefExpr>(
        cast<CallExpr>(Spawn.Call)->getCallee()->IgnoreParenImpCasts());
    if (!Callee || Callee->hasExplicitTemplateArgs())
      return Fail(Blocker::Spelling);
    if (Blocker Why = futureUsesBlocker(Uses, Plan); Why != Blocker::None)
      return Fail(Why);
  } else {
    // post() returns nothing: the stored element must not be used.
    if (!isStatementOfItsOwn(*Plan.Store, Function))
      return Fail(Blocker::OtherUse);
    Plan.Declaration = Declaration;
    if (Blocker Why = threadUsesBlocker(Uses, Plan, Function);
        Why != Blocker::None)
      return Fail(Why);
    if (!declarationBecomesPool(Plan, Function))
      return Fail(Blocker::Spelling);
  }
  if (!isPlainlyWritten(Spawn, Plan))
    return Fail(Blocker::Spelling);
  return PoolRewriteVerdict{std::move(Plan), Blocker::None};
}

} // namespace clang::tidy::parlint
