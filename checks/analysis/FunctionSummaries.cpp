#include "FunctionSummaries.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../common/ProjectConfig.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "ErrorExits.h"
#include "PoolUses.h"
#include "SummaryScanner.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

bool FunctionSummary::mayFinish(const ReachedHandle &H) const {
  if (Unknown)
    return true;
  return llvm::any_of(Effects, [&](const HandleStep &Step) {
    return finishes(Step.Kind) && Step.Handle.covers(H);
  });
}

const HandleStep *FunctionSummary::startOf(const FieldDecl &Field) const {
  for (const HandleStep &Step : Effects)
    if (Step.Kind == HandleStepKind::Start &&
        Step.Handle == ReachedHandle::member(Field))
      return &Step;
  return nullptr;
}

namespace summaries {


const CXXRecordDecl *recordOf(QualType Type) {
  return Type.isNull() ? nullptr
                       : Type.getCanonicalType()->getAsCXXRecordDecl();
}

bool isShutdownPoolClass(const CXXRecordDecl *Record) {
  if (!Record)
    return false;
  const auto &Types = projectConfig().ShutdownPoolTypes;
  std::vector<StringRef> Names(Types.begin(), Types.end());
  return isKnownPool(Record) || !waitBeforeDestruction(Record).empty() ||
         (!Names.empty() && isNamed(Record, Names));
}

HandleShape shapeOf(QualType Type) {
  if (Type.isNull() || Type->isDependentType())
    return HandleShape::None;
  Type = Type.getNonReferenceType();
  switch (handleTypeOf(Type)) {
  case HandleType::Thread:
  case HandleType::JThread:
    return HandleShape::Thread;
  case HandleType::Future:
    return HandleShape::Future;
  case HandleType::ThreadContainer:
  case HandleType::JThreadContainer:
  case HandleType::FutureContainer:
    return HandleShape::Container;
  case HandleType::PosixThread:
    return HandleShape::Posix;
  case HandleType::OptionalThread: // followed within one function only
  case HandleType::None:
    break;
  }
  return isShutdownPoolClass(recordOf(Type)) ? HandleShape::Pool
                                             : HandleShape::None;
}

bool isInSystemHeader(const Decl &D) {
  const SourceManager &SM = D.getASTContext().getSourceManager();
  SourceLocation Loc = D.getLocation();
  return Loc.isValid() && SM.isInSystemHeader(SM.getExpansionLoc(Loc));
}

namespace {

/// Whether a path from the entry returns without passing a block Avoid
/// accepts. Paths end at a noreturn call (the process ends, not the call),
/// and do not take the arm of a failed allocation (ErrorExits).
bool returnsAvoiding(const FunctionAnalysis &Body, const CFG &Graph,
                     llvm::function_ref<bool(const CFGBlock *)> Avoid,
                     const VarDecl *NotNull = nullptr) {
  llvm::SmallPtrSet<const CFGBlock *, 32> Seen;
  llvm::SmallVector<const CFGBlock *, 32> Work{&Graph.getEntry()};
  while (!Work.empty()) {
    const CFGBlock *Current = Work.pop_back_val();
    if (Avoid(Current) || !Seen.insert(Current).second)
      continue;
    if (Current == &Graph.getExit())
      return true;
    if (Current->hasNoReturnElement())
      continue;
    const CFGBlock *ErrorArm = allocationFailureArm(*Current, Body);
    const CFGBlock *NullArm = NotNull ? nullArmOf(*Current, *NotNull, Body) : nullptr;
    for (const CFGBlock *Next : Current->succs())
      if (Next && Next != ErrorArm && Next != NullArm)
        Work.push_back(Next);
  }
  return false;
}

} // namespace

bool onEveryPath(const FunctionAnalysis &Body, const Stmt &S,
                 const VarDecl *UnlessNull) {
  const CFG *Graph = Body.cfg();
  const CFGBlock *Block = Body.blockOf(S);
  if (!Graph || !Block)
    return false;
  return returnsAvoiding(Body, *Graph, [](const CFGBlock *) { return false; },
                         UnlessNull) &&
         !returnsAvoiding(Body, *Graph,
                          [&](const CFGBlock *B) { return B == Block; },
                          UnlessNull);
}

namespace {

/// The blocks that lie on a cycle with Block (its loop, nested loops and
/// all); empty when Block is on none.
llvm::SmallPtrSet<const CFGBlock *, 16> cycleOf(const CFGBlock &Block) {
  auto Closure = [&](bool Forward) {
    llvm::SmallPtrSet<const CFGBlock *, 16> Seen;
    llvm::SmallVector<const CFGBlock *, 16> Work{&Block};
    while (!Work.empty()) {
      const CFGBlock *Current = Work.pop_back_val();
      auto Step = [&](const CFGBlock *Next) {
        if (Next && Seen.insert(Next).second)
          Work.push_back(Next);
      };
      if (Forward)
        for (const CFGBlock *Next : Current->succs())
          Step(Next);
      else
        for (const CFGBlock *Next : Current->preds())
          Step(Next);
    }
    return Seen;
  };
  llvm::SmallPtrSet<const CFGBlock *, 16> Ahead = Closure(true);
  llvm::SmallPtrSet<const CFGBlock *, 16> Cycle;
  if (!Ahead.contains(&Block))
    return Cycle;
  for (const CFGBlock *Back : Closure(false))
    if (Ahead.contains(Back))
      Cycle.insert(Back);
  return Cycle;
}

/// Whether the blocks of Region other than Skip hold a cycle: a way around
/// the loop that never runs Skip.
bool cyclesWithout(const llvm::SmallPtrSetImpl<const CFGBlock *> &Region,
                   const CFGBlock &Skip) {
  enum Color { Open, Done };
  llvm::DenseMap<const CFGBlock *, Color> State;
  // Depth-first, iteratively: (block, next successor to try).
  for (const CFGBlock *Root : Region) {
    if (Root == &Skip || State.count(Root))
      continue;
    llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Stack{{Root, 0}};
    State[Root] = Open;
    while (!Stack.empty()) {
      auto &[Current, Next] = Stack.back();
      if (Next == Current->succ_size()) {
        State[Current] = Done;
        Stack.pop_back();
        continue;
      }
      const CFGBlock *Succ = *(Current->succ_begin() + Next++);
      if (!Succ || Succ == &Skip || !Region.contains(Succ))
        continue;
      auto It = State.find(Succ);
      if (It != State.end()) {
        if (It->second == Open)
          return true;
        continue;
      }
      State[Succ] = Open;
      Stack.push_back({Succ, 0});
    }
  }
  return false;
}

} // namespace

bool onEveryIteration(const FunctionAnalysis &Body, const Stmt &S) {
  if (onEveryPath(Body, S))
    return true;
  const CFG *Graph = Body.cfg();
  const CFGBlock *Block = Body.blockOf(S);
  if (!Graph || !Block)
    return false;
  llvm::SmallPtrSet<const CFGBlock *, 16> Loop = cycleOf(*Block);
  if (Loop.empty() || cyclesWithout(Loop, *Block))
    return false;
  // The loop itself must be reached on every path that returns.
  return !returnsAvoiding(Body, *Graph,
                          [&](const CFGBlock *B) { return Loop.contains(B); });
}

/// The body the summaries read for a call of Function, or null.
const FunctionDecl *summarizableDefinition(const FunctionDecl &Function) {
  const FunctionDecl *Definition = Function.getDefinition();
  if (!Definition || !Definition->getBody() || Definition->isInvalidDecl() ||
      Definition->isDependentContext() || isInSystemHeader(*Definition))
    return nullptr;
  return Definition;
}

ConstructionBodies constructionBodies(const CXXConstructExpr &Construct) {
  return constructionBodies(Construct.getConstructor());
}

ConstructionBodies constructionBodies(const CXXConstructorDecl *Constructor) {
  ConstructionBodies Bodies;
  const CXXRecordDecl *Record = Constructor ? Constructor->getParent() : nullptr;
  if (!Record || !Record->hasDefinition())
    return Bodies;
  Bodies.Constructor = summarizableDefinition(*Constructor);
  if (const CXXDestructorDecl *Destructor = Record->getDestructor())
    Bodies.Destructor = summarizableDefinition(*Destructor);
  return Bodies;
}

/// Whether a member call dispatches through the vtable to a function that
/// is not known here.
bool isVirtualDispatch(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  if (!Method || !Method->isVirtual())
    return false;
  if (const auto *Callee = dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParens());
      Callee && Callee->hasQualifier())
    return false; // C::stop(): a direct call
  if (Method->hasAttr<FinalAttr>() || Method->getParent()->hasAttr<FinalAttr>())
    return false;
  const Expr *Object = Call.getImplicitObjectArgument();
  return !Object || !Method->getDevirtualizedMethod(Object, false);
}

bool isNonConstReferenceOrPointer(QualType Type) {
  if (Type->isReferenceType())
    return !Type.getNonReferenceType().isConstQualified();
  if (Type->isPointerType())
    return !Type->getPointeeType().isConstQualified();
  return false;
}

/// Functions that take a pool only to queue work on it or to read its
/// executor (PoolUses' work functions): the model knows them, their bodies
/// (Asio's, when its headers are not system headers) are not followed.
llvm::ArrayRef<StringRef> workFunctions() {
  static const StringRef Names[] = {
      "boost::asio::post",        "boost::asio::dispatch",
      "boost::asio::defer",       "boost::asio::co_spawn",
      "boost::asio::make_strand", "boost::asio::bind_executor",
      "boost::asio::use_service", "boost::asio::has_service",
      "asio::post",               "asio::dispatch",
      "asio::defer",              "asio::co_spawn",
      "asio::make_strand",        "asio::bind_executor",
      "asio::use_service",        "asio::has_service"};
  return Names;
}

/// Calls the model describes: the work functions, and the member functions
/// of pools (their own tasks, waits and executors).
bool isModelledCallee(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && isShutdownPoolClass(Method->getParent()))
    return true;
  // The cheap test first: qualified names are built, not stored.
  StringRef Name = identifierOf(Callee);
  return llvm::is_contained({"post", "dispatch", "defer", "co_spawn",
                             "make_strand", "bind_executor", "use_service",
                             "has_service"},
                            Name) &&
         isListedName(Callee->getQualifiedNameAsString(), workFunctions());
}

bool isImplicitWrapper(const Stmt &S) {
  return isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ExprWithCleanups, FullExpr>(S);
}

HandleShape cachedShape(SummaryCache &Cache, QualType Of) {
  if (Of.isNull())
    return HandleShape::None;
  const Type *Key = Of.getCanonicalType().getTypePtr();
  auto [It, Inserted] = Cache.Shapes.try_emplace(Key, HandleShape::None);
  if (Inserted)
    It->second = shapeOf(Of);
  return It->second;
}

llvm::SmallVector<HandleStep, 8>
BodyScanner::runOnInitializer(const FieldDecl &Field) {
  const Expr *Value = Field.getInClassInitializer();
  if (!Value)
    return {};
  Scope = &AnalysisCache::of(*Value, Cache.Context);
  if (initializerStarts(Field.getType(), *Value))
    add(ReachedHandle::member(Field), HandleStepKind::Start, *Value);
  scan(*Value);
  return std::move(Steps);
}

llvm::SmallVector<HandleStep, 8> BodyScanner::run() {
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Function)) {
    for (const CXXCtorInitializer *Init : Constructor->inits()) {
      const Expr *Value = Init->getInit();
      if (!Value || isa<CXXDefaultInitExpr>(Value))
        continue; // default member initializers belong to the class
      Scope = &AnalysisCache::of(*Value, Cache.Context);
      if (const FieldDecl *Field = Init->getMember();
          Field && initializerStarts(Field->getType(), *Value))
        add(ReachedHandle::member(*Field), HandleStepKind::Start, *Value);
      if (Init->isBaseInitializer() || Init->isDelegatingInitializer()) {
        // The base's (or the delegated) constructor works on *this.
        if (const auto *Construct =
                dyn_cast<CXXConstructExpr>(Value->IgnoreImplicit())) {
          llvm::SmallVector<const Expr *, 4> Args(Construct->arguments());
          visitCall(*Construct, Construct->getConstructor(), nullptr, Args,
                    false);
          // ... as if called on `this`.
          if (const auto *Entry = Cache.get(*Construct->getConstructor()))
            for (const HandleStep &Effect : Entry->Summary.Effects)
              if (Effect.Handle.Root == ReachedHandle::ThisObject)
                add(Effect.Handle, Effect.Kind, *Value, false, Effect.Origin,
                    Effect.OriginFunction);
          for (const Expr *Arg : Args)
            scan(*Arg);
          continue;
        }
      }
      scan(*Value);
    }
  }
  Scope = &AnalysisCache::of(*Function->getBody(), Cache.Context);
  scan(*Function->getBody());
  return std::move(Steps);
}

void BodyScanner::scan(const Stmt &Root) {
  forEachDescendant(&Root, /*SkipLambdas=*/false,
                    [&](const Stmt &S) { visit(S); });
}

void BodyScanner::visit(const Stmt &S) {
  if (const auto *E = dyn_cast<Expr>(&S); E && E->containsErrors())
    return;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&S)) {
    llvm::SmallVector<const Expr *, 4> Args(Member->arguments());
    visitCall(*Member, Member->getMethodDecl(),
              Member->getImplicitObjectArgument(), Args,
              !Member->getMethodDecl() || isVirtualDispatch(*Member));
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&S)) {
    const FunctionDecl *Callee = Operator->getDirectCallee();
    llvm::SmallVector<const Expr *, 4> Args(Operator->arguments());
    if (isa_and_nonnull<CXXMethodDecl>(Callee) && !Args.empty()) {
      const Expr *Object = Args.front();
      Args.erase(Args.begin());
      const auto *Method = cast<CXXMethodDecl>(Callee);
      // std::function's call operator: an indirect call.
      bool Indirect = Operator->getOperator() == OO_Call &&
                      !isUserCallee(Callee) && !Method->getParent()->isLambda();
      bool Virtual = Method->isVirtual() &&
                     !Method->getDevirtualizedMethod(Object, false);
      visitCall(*Operator, Callee, Object, Args, Indirect || Virtual);
    } else {
      visitCall(*Operator, Callee, nullptr, Args, false);
    }
  } else if (const auto *Call = dyn_cast<CallExpr>(&S)) {
    llvm::SmallVector<const Expr *, 4> Args(Call->arguments());
    const FunctionDecl *Callee = Call->getDirectCallee();
    const Expr *Object = nullptr;
    if (const auto *PointerToMember = dyn_cast<BinaryOperator>(
            Call->getCallee()->IgnoreParenImpCasts());
        PointerToMember && PointerToMember->isPtrMemOp())
      Object = PointerToMember->getLHS();
    visitCall(*Call, Callee, Object, Args,
              !Callee && !isa<CXXPseudoDestructorExpr>(
                             Call->getCallee()->IgnoreParenImpCasts()));
  } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
    llvm::SmallVector<const Expr *, 4> Args(Construct->arguments());
    visitCall(*Construct, Construct->getConstructor(), nullptr, Args, false);
  }
  if (const auto *E = dyn_cast<Expr>(&S))
    if (auto Found = handleAt(*E))
      classifyHandle(*E, Found->first, Found->second);
}

const Stmt &BodyScanner::attributed(const Stmt &S) const {
  const Stmt *Result = &S;
  for (const Stmt *Current = Scope->parent(S); Current;
       Current = Scope->parent(*Current))
    if (isa<LambdaExpr>(Current))
      Result = Current;
  return *Result;
}

const Stmt *BodyScanner::enclosingLoop(const Stmt &S) const {
  for (const Stmt *Current = Scope->parent(S); Current;
       Current = Scope->parent(*Current)) {
    if (isa<LambdaExpr>(Current))
      return nullptr;
    if (isLoop(*Current))
      return Current;
  }
  return nullptr;
}

void BodyScanner::add(ReachedHandle Handle, HandleStepKind Kind,
                      const Stmt &At, bool AtLoop, const Stmt *Origin,
                      const FunctionDecl *OriginFunction) {
  const Stmt &Where = AtLoop ? At : attributed(At);
  HandleStep Step{Handle, Kind, &Where, AtLoop && &Where == &At,
                  Origin ? Origin : &At,
                  OriginFunction ? OriginFunction : Function};
  Steps.push_back(Step);
}

void BodyScanner::addElementEffect(ReachedHandle Handle, HandleStepKind Kind,
                                   const Stmt &At) {
  if (Kind != HandleStepKind::Start && &attributed(At) == &At)
    if (const Stmt *Loop = enclosingLoop(At)) {
      add(Handle, Kind, *Loop, /*AtLoop=*/true, &At);
      return;
    }
  add(Handle, Kind, At);
}

std::pair<const Expr *, const Stmt *>
BodyScanner::userOf(const Expr &E) const {
  const Expr *Current = &E;
  const Stmt *Parent = Scope->parent(E);
  while (Parent && isImplicitWrapper(*Parent)) {
    Current = cast<Expr>(Parent);
    Parent = Scope->parent(*Parent);
  }
  return {Current, Parent};
}

std::optional<ReachedHandle> BodyScanner::reachedBy(const Expr *E) const {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (!E)
    return std::nullopt;
  if (const auto *Unary = dyn_cast<UnaryOperator>(E);
      Unary && (Unary->getOpcode() == UO_Deref ||
                Unary->getOpcode() == UO_AddrOf))
    return reachedBy(Unary->getSubExpr());
  if (isa<CXXThisExpr>(E))
    return ReachedHandle{};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
    auto It = Param ? Params.find(Param) : Params.end();
    if (It != Params.end())
      return ReachedHandle::parameter(It->second);
    return std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || cachedShape(Cache, Field->getType()) == HandleShape::None)
      return std::nullopt;
    std::optional<ReachedHandle> Base = reachedBy(Member->getBase());
    if (!Base || Base->Member)
      return std::nullopt;
    Base->Member = Field;
    return Base;
  }
  return std::nullopt;
}

std::optional<std::pair<ReachedHandle, HandleShape>>
BodyScanner::handleAt(const Expr &E) const {
  if (const auto *Member = dyn_cast<MemberExpr>(&E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    HandleShape Shape =
        Field ? cachedShape(Cache, Field->getType()) : HandleShape::None;
    if (Shape == HandleShape::None)
      return std::nullopt;
    if (auto Handle = reachedBy(&E))
      return std::make_pair(*Handle, Shape);
    return std::nullopt;
  }
  // A reference parameter that is itself a handle (`std::thread &t`). A
  // pointer parameter's handle is `*p` or the object of `p->join()`.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&E)) {
    const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl());
    auto It = Param ? Params.find(Param) : Params.end();
    if (It == Params.end() || !Param->getType()->isReferenceType())
      return std::nullopt;
    HandleShape Shape =
        cachedShape(Cache, Param->getType().getNonReferenceType());
    if (Shape == HandleShape::None)
      return std::nullopt;
    return std::make_pair(ReachedHandle::parameter(It->second), Shape);
  }
  if (const auto *Deref = dyn_cast<UnaryOperator>(&E);
      Deref && Deref->getOpcode() == UO_Deref) {
    const auto *Ref =
        dyn_cast<DeclRefExpr>(Deref->getSubExpr()->IgnoreParenImpCasts());
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    auto It = Param ? Params.find(Param) : Params.end();
    if (It == Params.end() || !Param->getType()->isPointerType())
      return std::nullopt;
    HandleShape Shape = cachedShape(Cache, Param->getType()->getPointeeType());
    if (Shape == HandleShape::None)
      return std::nullopt;
    return std::make_pair(ReachedHandle::parameter(It->second), Shape);
  }
  return std::nullopt;
}

bool BodyScanner::isUserCallee(const FunctionDecl *Callee) const {
  return Callee && !isInSystemHeader(*Callee) && !Callee->getBuiltinID();
}

void BodyScanner::visitCall(const Expr &Call, const FunctionDecl *Callee,
                            const Expr *Object,
                            llvm::ArrayRef<const Expr *> Args, bool Indirect) {
  if (!Indirect && (!isUserCallee(Callee) || isModelledCallee(Callee)))
    return; // the standard library, POSIX, pools: the model knows them
  const SummaryCache::Entry *Entry =
      Indirect || !Callee ? nullptr : Cache.get(*Callee);
  auto Compose = [](ReachedHandle Reach,
                    const FieldDecl *Member) -> std::optional<ReachedHandle> {
    if (!Reach.Member) {
      Reach.Member = Member;
      return Reach;
    }
    if (!Member)
      return Reach;
    return std::nullopt; // a member of a member: not followed
  };
  if (Entry) {
    for (const HandleStep &Effect : Entry->Summary.Effects) {
      const Expr *Reach = nullptr;
      if (Effect.Handle.Root == ReachedHandle::ThisObject)
        Reach = Object ? Object : nullptr;
      else if (Effect.Handle.ParamIndex < Args.size())
        Reach = Args[Effect.Handle.ParamIndex];
      // A call of a member function of *this written without an object
      // (`stop()`) has the implicit `this` as its object.
      std::optional<ReachedHandle> Root = reachedBy(Reach);
      if (!Root)
        continue;
      if (auto Mapped = Compose(*Root, Effect.Handle.Member))
        add(*Mapped, Effect.Kind, Call, false, Effect.Origin,
            Effect.OriginFunction);
    }
    return;
  }
  // Unknown code: it may finish whatever it can reach, and starts nothing.
  auto MayReach = [&](const Expr *E, QualType ParamType) {
    if (!ParamType.isNull() && !isNonConstReferenceOrPointer(ParamType))
      return;
    if (std::optional<ReachedHandle> Root = reachedBy(E))
      add(*Root,
          Root->Member ? HandleStepKind::Escape : HandleStepKind::MayFinish,
          Call);
  };
  if (Object) {
    if (std::optional<ReachedHandle> Root = reachedBy(Object); Root &&
        (!Root->Member || !isa<CXXMemberCallExpr>(Call)))
      add(*Root,
          Root->Member ? HandleStepKind::Escape : HandleStepKind::MayFinish,
          Call);
  }
  for (unsigned I = 0; I < Args.size(); ++I) {
    QualType ParamType;
    if (Callee && I < Callee->getNumParams())
      ParamType = Callee->getParamDecl(I)->getType();
    MayReach(Args[I], ParamType);
  }
  // A call through a pointer or a std::function may run anything the
  // object owns.
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
  if (Indirect && (!Function || (Method && Method->isInstance())))
    add(ReachedHandle{}, HandleStepKind::MayFinish, Call);
}

} // namespace summaries

using namespace summaries;

bool isSummarizedHandleType(QualType Type) {
  return shapeOf(Type) != HandleShape::None;
}

const FunctionSummary &FunctionSummaries::of(const FunctionDecl &Function,
                                             ASTContext &Context) {
  SummaryCache &Cache = AnalysisCache::layerState<SummaryCache>(Context);
  if (const SummaryCache::Entry *Entry = Cache.get(Function))
    return Entry->Summary;
  return Cache.UnknownSummary;
}

llvm::ArrayRef<HandleStep>
FunctionSummaries::stepsOfInitializer(const FieldDecl &Field,
                                      ASTContext &Context) {
  SummaryCache &Cache = AnalysisCache::layerState<SummaryCache>(Context);
  auto [It, Inserted] = Cache.Initializers.try_emplace(&Field);
  if (Inserted && Field.hasInClassInitializer() &&
      !Field.getParent()->isDependentContext()) {
    auto Steps = BodyScanner(nullptr, Cache).runOnInitializer(Field);
    Cache.Initializers[&Field] = std::move(Steps);
    return Cache.Initializers[&Field];
  }
  return It->second;
}

llvm::ArrayRef<HandleStep> FunctionSummaries::stepsOf(const FunctionDecl &Function,
                                                      ASTContext &Context) {
  SummaryCache &Cache = AnalysisCache::layerState<SummaryCache>(Context);
  if (const SummaryCache::Entry *Entry = Cache.get(Function))
    return Entry->Steps;
  return {};
}

} // namespace clang::tidy::parlint
