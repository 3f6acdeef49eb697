#include "FunctionSummaries.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../common/ProjectConfig.h"
#include "../model/Handles.h"
#include "../model/Pools.h"
#include "PoolUses.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
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

namespace {

/// How the summaries follow a handle of a given type.
enum class HandleShape { None, Thread, Future, Container, Posix, Pool };

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

/// The body the summaries read for a call of Function, or null.
const FunctionDecl *summarizableDefinition(const FunctionDecl &Function) {
  const FunctionDecl *Definition = Function.getDefinition();
  if (!Definition || !Definition->getBody() || Definition->isInvalidDecl() ||
      Definition->isDependentContext() || isInSystemHeader(*Definition))
    return nullptr;
  return Definition;
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

/// A call that finishes a pool's queued work. For a pool whose destructor
/// abandons the work (and missing-pool-shutdown's PoolTypes), only what that
/// check accepts: its ShutdownMethods and the library's own wait (Asio's
/// stop() drops the work too); for the others, the model's waits.
bool shutsDown(const CXXMemberCallExpr &Call) {
  const Expr *Object = Call.getImplicitObjectArgument();
  QualType Type = Object ? Object->getType() : QualType();
  if (!Type.isNull() && Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Record = recordOf(Type);
  StringRef Name = identifierOf(Call.getMethodDecl());
  const auto &Types = projectConfig().ShutdownPoolTypes;
  std::vector<StringRef> Names(Types.begin(), Types.end());
  StringRef Own = waitBeforeDestruction(Record);
  if (!Own.empty() || (Record && !Names.empty() && isNamed(Record, Names)))
    return Name == Own ||
           llvm::is_contained(projectConfig().ShutdownMethods, Name);
  return waitsForPoolWork(Call);
}

bool isLoop(const Stmt &S) {
  return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

bool isImplicitWrapper(const Stmt &S) {
  return isa<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr, ExprWithCleanups, FullExpr>(S);
}

/// The source of a value assigned or used to initialize a thread or
/// future: whether it may bring a running worker.
bool bringsWorker(const Expr *Source) {
  const Expr *E = stripped(Source);
  if (!E)
    return false;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0 ||
        Construct->getConstructor()->isDefaultConstructor())
      return false;
    if (Construct->getConstructor()->isCopyOrMoveConstructor())
      return bringsWorker(Construct->getArg(0));
    return true; // a launch, or a container built from launches
  }
  if (isa<InitListExpr>(E))
    return cast<InitListExpr>(E)->getNumInits() > 0;
  if (isa<CXXNullPtrLiteralExpr, IntegerLiteral, ImplicitValueInitExpr,
          CXXScalarValueInitExpr>(E))
    return false;
  return true; // std::move(other), a call returning a thread
}

/// Whether a member of this type initialized with Value has a worker
/// running behind it: a launching thread or future, a container built from
/// a list of them (not `threads_(n)`: idle threads), or either moved in.
bool initializerStarts(QualType Type, const Expr &Value) {
  switch (shapeOf(Type)) {
  case HandleShape::Thread:
  case HandleShape::Future:
    return bringsWorker(&Value);
  case HandleShape::Container: {
    const Expr *E = stripped(&Value);
    if (const auto *List = dyn_cast<InitListExpr>(E))
      return List->getNumInits() > 0;
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    if (!Construct)
      return true;
    if (Construct->isListInitialization() ||
        Construct->isStdInitListInitialization())
      return Construct->getNumArgs() > 0;
    return Construct->getConstructor()->isCopyOrMoveConstructor() &&
           bringsWorker(Construct->getArg(0));
  }
  default:
    return false;
  }
}

class SummaryCache;
/// shapeOf, remembered per type for the translation unit.
HandleShape cachedShape(SummaryCache &Cache, QualType Type);

/// Collects the steps of one function's body (and of its constructor's
/// member initializers).
class BodyScanner {
public:
  /// Function: the function whose body is scanned; null for a default
  /// member initializer.
  BodyScanner(const FunctionDecl *Function, SummaryCache &Cache)
      : Function(Function), Cache(Cache) {
    for (unsigned I = 0; Function && I < Function->getNumParams(); ++I) {
      const ParmVarDecl *Param = Function->getParamDecl(I);
      QualType Type = Param->getType();
      if (Type->isReferenceType() || Type->isPointerType())
        Params[Param] = I;
    }
  }

  llvm::SmallVector<HandleStep, 8> run();
  llvm::SmallVector<HandleStep, 8> runOnInitializer(const FieldDecl &Field);

private:
  const FunctionDecl *Function;
  SummaryCache &Cache;
  llvm::DenseMap<const ParmVarDecl *, unsigned> Params;
  /// The statement tree being scanned: the body, or one initializer.
  const FunctionAnalysis *Scope = nullptr;
  llvm::SmallVector<HandleStep, 8> Steps;

  void scan(const Stmt &Root);
  void visit(const Stmt &S);

  // Where an effect at S shows on the path engine's CFG: the outermost
  // lambda around it inside the scope, or S.
  const Stmt &attributed(const Stmt &S) const;
  const Stmt *enclosingLoop(const Stmt &S) const;
  void add(ReachedHandle Handle, HandleStepKind Kind, const Stmt &At,
           bool AtLoop = false, const Stmt *Origin = nullptr,
           const FunctionDecl *OriginFunction = nullptr);
  /// An element operation inside a loop finishes every element once the
  /// loop is done; outside a loop, at the statement.
  void addElementEffect(ReachedHandle Handle, HandleStepKind Kind,
                        const Stmt &At);

  /// The top of the implicit wrappers around E, and what contains them.
  std::pair<const Expr *, const Stmt *> userOf(const Expr &E) const;

  /// The handle E designates in the caller's terms: `this` / `*this`, a
  /// handle member of it, a reference or pointer parameter's object or a
  /// handle member of it.
  std::optional<ReachedHandle> reachedBy(const Expr *E) const;
  /// For a handle expression: the handle and its shape.
  std::optional<std::pair<ReachedHandle, HandleShape>>
  handleAt(const Expr &E) const;

  // Calls of code outside the model: mapped through the callee's summary.
  void visitCall(const Expr &Call, const FunctionDecl *Callee,
                 const Expr *Object, llvm::ArrayRef<const Expr *> Args,
                 bool Indirect);
  bool isUserCallee(const FunctionDecl *Callee) const;

  // One use of a handle.
  void classifyHandle(const Expr &E, ReachedHandle Handle, HandleShape Shape);
  void classifyThread(const Expr &Handle, ReachedHandle H, bool Element,
                      HandleShape Shape);
  void classifyContainer(const Expr &Handle, ReachedHandle H);
  void classifyPosix(const Expr &Handle, ReachedHandle H);
  void classifyPool(const Expr &Handle, ReachedHandle H);
  void classifyRangeFor(const CXXForRangeStmt &Loop, ReachedHandle H);
  /// The handle (or its address) passed to a call as argument Index.
  void classifyArgument(const Stmt &Call, const FunctionDecl *Callee,
                        unsigned Index, ReachedHandle H, bool Element);
};

class SummaryCache : public TranslationUnitState {
public:
  explicit SummaryCache(ASTContext &Context) : Context(Context) {}

  struct Entry {
    bool InProgress = true;
    FunctionSummary Summary;
    llvm::SmallVector<HandleStep, 8> Steps;
  };

  /// The entry of Function's definition, computed on first use; null while
  /// it is being computed, past the depth bound, or without a body here.
  const Entry *get(const FunctionDecl &Function) {
    const FunctionDecl *Definition = summarizableDefinition(Function);
    if (!Definition)
      return nullptr;
    auto It = Entries.find(Definition);
    if (It != Entries.end())
      return It->second->InProgress ? nullptr : It->second.get();
    if (Depth >= MaxSummaryDepth)
      return nullptr;
    auto &Slot = Entries[Definition];
    Slot = std::make_unique<Entry>();
    Entry *Computing = Slot.get();
    ++Depth;
    Computing->Steps = BodyScanner(Definition, *this).run();
    --Depth;
    for (const HandleStep &Step : Computing->Steps) {
      bool Known = llvm::any_of(Computing->Summary.Effects,
                                [&](const HandleStep &Other) {
                                  return Other.Handle == Step.Handle &&
                                         Other.Kind == Step.Kind;
                                });
      if (!Known)
        Computing->Summary.Effects.push_back(Step);
    }
    Computing->InProgress = false;
    return Computing;
  }

  ASTContext &Context;
  FunctionSummary UnknownSummary{true, {}};
  llvm::DenseMap<const Type *, HandleShape> Shapes;
  llvm::DenseMap<const FieldDecl *, llvm::SmallVector<HandleStep, 8>>
      Initializers;

private:
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Entry>> Entries;
  unsigned Depth = 0;
};

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

void BodyScanner::classifyHandle(const Expr &E, ReachedHandle H,
                                 HandleShape Shape) {
  switch (Shape) {
  case HandleShape::Thread:
  case HandleShape::Future:
    return classifyThread(E, H, /*Element=*/false, Shape);
  case HandleShape::Container:
    return classifyContainer(E, H);
  case HandleShape::Posix:
    return classifyPosix(E, H);
  case HandleShape::Pool:
    return classifyPool(E, H);
  case HandleShape::None:
    return;
  }
}

void BodyScanner::classifyArgument(const Stmt &Call, const FunctionDecl *Callee,
                                   unsigned Index, ReachedHandle H,
                                   bool Element) {
  if (const auto *Plain = dyn_cast<CallExpr>(&Call); Plain && isStdMove(*Plain))
    return Element ? addElementEffect(H, HandleStepKind::Escape, Call)
                   : add(H, HandleStepKind::Escape, Call);
  if (isUserCallee(Callee)) {
    // Followed by visitCall, for the members of *this and the parameters;
    // an element of a container is followed here.
    if (!Element)
      return;
    const SummaryCache::Entry *Entry = Cache.get(*Callee);
    if (!Entry) {
      if (Index < Callee->getNumParams() &&
          !isNonConstReferenceOrPointer(Callee->getParamDecl(Index)->getType()))
        return;
      return addElementEffect(H, HandleStepKind::Escape, Call);
    }
    for (const HandleStep &Effect : Entry->Summary.Effects)
      if (Effect.Handle == ReachedHandle::parameter(Index) &&
          finishes(Effect.Kind))
        addElementEffect(H, Effect.Kind, Call);
    return;
  }
  if (!Callee || Index >= Callee->getNumParams()) {
    if (Callee && Callee->isVariadic())
      return; // printf("%p", &t)
    return Element ? addElementEffect(H, HandleStepKind::Escape, Call)
                   : add(H, HandleStepKind::Escape, Call);
  }
  if (!isNonConstReferenceOrPointer(Callee->getParamDecl(Index)->getType()))
    return; // inspected through a const reference, or copied
  Element ? addElementEffect(H, HandleStepKind::Escape, Call)
          : add(H, HandleStepKind::Escape, Call);
}

/// The argument index of Arg in a call or construction, if it is one.
std::optional<std::pair<const FunctionDecl *, unsigned>>
argumentOf(const Stmt &User, const Expr &Arg) {
  auto IndexIn = [&](auto Args) -> std::optional<unsigned> {
    unsigned I = 0;
    for (const Expr *Candidate : Args) {
      if (Candidate == &Arg)
        return I;
      ++I;
    }
    return std::nullopt;
  };
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&User)) {
    auto I = IndexIn(Operator->arguments());
    if (!I)
      return std::nullopt;
    const FunctionDecl *Callee = Operator->getDirectCallee();
    if (isa_and_nonnull<CXXMethodDecl>(Callee)) {
      if (*I == 0)
        return std::nullopt; // the object
      --*I;
    }
    return std::make_pair(Callee, *I);
  }
  if (const auto *Call = dyn_cast<CallExpr>(&User))
    if (auto I = IndexIn(Call->arguments()))
      return std::make_pair(Call->getDirectCallee(), *I);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&User))
    if (auto I = IndexIn(Construct->arguments()))
      return std::make_pair(
          static_cast<const FunctionDecl *>(Construct->getConstructor()), *I);
  return std::nullopt;
}

void BodyScanner::classifyThread(const Expr &Handle, ReachedHandle H,
                                 bool Element, HandleShape Shape) {
  auto Effect = [&](HandleStepKind Kind, const Stmt &At) {
    Element ? addElementEffect(H, Kind, At) : add(H, Kind, At);
  };
  auto [Top, User] = userOf(Handle);
  if (!User)
    return Effect(HandleStepKind::Escape, Handle);
  if (const auto *Member = dyn_cast<MemberExpr>(User)) {
    auto [CalleeTop, Call] = userOf(*Member);
    const auto *MemberCall = dyn_cast_or_null<CXXMemberCallExpr>(Call);
    if (!MemberCall)
      return Effect(HandleStepKind::Escape, *User);
    switch (memberOp(MemberCall->getMethodDecl())) {
    case HandleOp::Join:
    case HandleOp::Wait:
      return Effect(HandleStepKind::Join, *MemberCall);
    case HandleOp::Detach:
      return Effect(HandleStepKind::Detach, *MemberCall);
    case HandleOp::Query:
      return;
    case HandleOp::Other:
      // swap() hands the thread over; native_handle() may reach
      // pthread_join or pthread_detach.
      return Effect(HandleStepKind::Escape, *MemberCall);
    }
  }
  if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(User);
      Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2) {
    if (Assign->getArg(0) == Top) {
      if (bringsWorker(Assign->getArg(1)))
        Effect(HandleStepKind::Start, *Assign);
      return;
    }
    // Moved from: `other = std::move(worker_)` goes through std::move.
  }
  if (const auto *Address = dyn_cast<UnaryOperator>(User);
      Address && Address->getOpcode() == UO_AddrOf) {
    auto [AddressTop, AddressUser] = userOf(*Address);
    if (AddressUser)
      if (auto Argument = argumentOf(*AddressUser, *AddressTop))
        return classifyArgument(*AddressUser, Argument->first,
                                Argument->second, H, Element);
    return Effect(HandleStepKind::Escape, *Address);
  }
  if (auto Argument = argumentOf(*User, *Top))
    return classifyArgument(*User, Argument->first, Argument->second, H,
                            Element);
  if (const auto *Declaration = dyn_cast<DeclStmt>(User)) {
    // `const std::thread &t = worker_;` only looks at it.
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == Top &&
          Var->getType()->isReferenceType() &&
          Var->getType().getNonReferenceType().isConstQualified())
        return;
  }
  Effect(HandleStepKind::Escape, *User);
}

void BodyScanner::classifyContainer(const Expr &Handle, ReachedHandle H) {
  auto [Top, User] = userOf(Handle);
  if (!User)
    return add(H, HandleStepKind::Escape, Handle);
  // for (auto &t : threads_) t.join();
  if (const auto *Range = dyn_cast<DeclStmt>(User)) {
    const auto *Loop = dyn_cast_or_null<CXXForRangeStmt>(Scope->parent(*Range));
    if (Loop && Loop->getRangeStmt() == Range)
      return classifyRangeFor(*Loop, H);
    return add(H, HandleStepKind::Escape, *User);
  }
  if (const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(User);
      Subscript && Subscript->getOperator() == OO_Subscript &&
      Subscript->getArg(0) == Top)
    return classifyThread(*Subscript, H, /*Element=*/true, HandleShape::Thread);
  if (const auto *Element = dyn_cast<ArraySubscriptExpr>(User);
      Element && Element->getBase()->IgnoreParenImpCasts() == &Handle)
    return classifyThread(*Element, H, /*Element=*/true, HandleShape::Thread);
  if (auto Argument = argumentOf(*User, *Top))
    return classifyArgument(*User, Argument->first, Argument->second, H,
                            false);
  const auto *Member = dyn_cast<MemberExpr>(User);
  const auto *Call = Member ? dyn_cast_or_null<CXXMemberCallExpr>(
                                  userOf(*Member).second)
                            : nullptr;
  if (!Call)
    return add(H, HandleStepKind::Escape, *User);
  StringRef Name = identifierOf(Call->getMethodDecl());
  if (llvm::is_contained({"size", "empty", "capacity", "max_size", "reserve",
                          "shrink_to_fit", "clear", "pop_back", "pop_front",
                          "resize", "erase", "cbegin", "cend"},
                         Name))
    return; // no element starts or finishes (dropping joinable ones
            // terminates: not a finish)
  if (llvm::is_contained({"emplace_back", "emplace_front", "emplace"}, Name)) {
    if (Call->getNumArgs() > (Name == "emplace" ? 1u : 0u))
      add(H, HandleStepKind::Start, *Call);
    return;
  }
  if (isStoringMethod(Name))
    return add(H, HandleStepKind::Start, *Call);
  if (llvm::is_contained({"front", "back", "at"}, Name))
    return classifyThread(*Call, H, /*Element=*/true, HandleShape::Thread);
  if (Name == "begin" || Name == "end") {
    // std::for_each(v.begin(), v.end(), std::mem_fn(&std::thread::join))
    auto [CallTop, Algorithm] = userOf(*Call);
    const auto *ForEach = dyn_cast_or_null<CallExpr>(Algorithm);
    if (ForEach &&
        isNamed(ForEach->getDirectCallee(), {"::std::for_each"}) &&
        ForEach->getNumArgs() == 3) {
      bool Joins = false, Detaches = false;
      forEachDescendant(ForEach->getArg(2), false, [&](const Stmt &S) {
        const ValueDecl *Named = nullptr;
        if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
          Named = Ref->getDecl();
        else if (const auto *M = dyn_cast<MemberExpr>(&S))
          Named = M->getMemberDecl();
        HandleOp Op = memberOp(dyn_cast_or_null<CXXMethodDecl>(Named));
        Joins |= Op == HandleOp::Join || Op == HandleOp::Wait;
        Detaches |= Op == HandleOp::Detach;
      });
      if (Name == "end")
        return; // counted once, at begin()
      if (Joins)
        add(H, HandleStepKind::Join, *ForEach);
      if (Detaches)
        add(H, HandleStepKind::Detach, *ForEach);
      if (Joins || Detaches)
        return;
    }
  }
  add(H, HandleStepKind::Escape, *Call);
}

void BodyScanner::classifyRangeFor(const CXXForRangeStmt &Loop,
                                   ReachedHandle H) {
  const VarDecl *Element = Loop.getLoopVariable();
  if (!Element || !Element->getType()->isReferenceType())
    return add(H, HandleStepKind::Escape, Loop);
  if (Element->getType().getNonReferenceType().isConstQualified())
    return; // only looks at the threads
  // Each use of the element in the body, as a use of one element.
  size_t First = Steps.size();
  forEachDescendant(Loop.getBody(), false, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    if (Ref && Ref->getDecl() == Element)
      classifyThread(*Ref, H, /*Element=*/true, HandleShape::Thread);
  });
  // Element effects inside the loop body hold for the whole container
  // once the loop is done.
  for (size_t I = First; I < Steps.size(); ++I)
    if (finishes(Steps[I].Kind) && !isa<LambdaExpr>(Steps[I].Where)) {
      Steps[I].Where = &Loop;
      Steps[I].AtLoop = true;
    }
}

void BodyScanner::classifyPosix(const Expr &Handle, ReachedHandle H) {
  auto [Top, User] = userOf(Handle);
  if (!User)
    return add(H, HandleStepKind::Escape, Handle);
  // An element of `pthread_t ids_[N]` stands for the array.
  bool Element = false;
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(User);
      Subscript && Subscript->getBase()->IgnoreParenImpCasts() == &Handle) {
    std::tie(Top, User) = userOf(*Subscript);
    Element = true;
    if (!User)
      return;
  }
  auto Effect = [&](HandleStepKind Kind, const Stmt &At) {
    Element ? addElementEffect(H, Kind, At) : add(H, Kind, At);
  };
  if (const auto *Address = dyn_cast<UnaryOperator>(User);
      Address && Address->getOpcode() == UO_AddrOf) {
    auto [AddressTop, Call] = userOf(*Address);
    const auto *Create = dyn_cast_or_null<CallExpr>(Call);
    if (Create && isNamed(Create->getDirectCallee(), {"::pthread_create"}) &&
        Create->getNumArgs() > 0 && Create->getArg(0) == AddressTop)
      return Effect(HandleStepKind::Start, *Create);
    if (Call)
      if (auto Argument = argumentOf(*Call, *AddressTop))
        return classifyArgument(*Call, Argument->first, Argument->second, H,
                                Element);
    return Effect(HandleStepKind::Escape, *User);
  }
  if (const auto *Call = dyn_cast<CallExpr>(User)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    switch (freeFunctionOp(Callee)) {
    case HandleOp::Join:
      return Effect(HandleStepKind::Join, *Call);
    case HandleOp::Detach:
      return Effect(HandleStepKind::Detach, *Call);
    case HandleOp::Query:
      return;
    default:
      break;
    }
    if (isUserCallee(Callee))
      return; // followed by visitCall
  }
  if (isa<BinaryOperator>(User) && cast<BinaryOperator>(User)->isComparisonOp())
    return;
  Effect(HandleStepKind::Escape, *User);
}

void BodyScanner::classifyPool(const Expr &Handle, ReachedHandle H) {
  auto [Top, User] = userOf(Handle);
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(User))
    if (const auto *Call =
            dyn_cast_or_null<CXXMemberCallExpr>(userOf(*Member).second);
        Call && shutsDown(*Call))
      return add(H, HandleStepKind::Join, *Call);
  std::vector<StringRef> Shutdowns(projectConfig().ShutdownMethods.begin(),
                                   projectConfig().ShutdownMethods.end());
  PoolUse Use =
      classifyPoolUse(Handle, *Scope, PoolUseRules{Shutdowns, workFunctions()});
  switch (Use.Kind) {
  case PoolUseKind::Work:
    if (!Use.Awaited)
      add(H, HandleStepKind::Start, Use.Call ? *Use.Call : Handle);
    return;
  case PoolUseKind::Shutdown:
    return add(H, HandleStepKind::Join, Use.Call ? *Use.Call : Handle);
  case PoolUseKind::Query:
    return;
  case PoolUseKind::Delete:
  case PoolUseKind::Escape:
    break;
  }
  if (User)
    if (auto Argument = argumentOf(*User, *Top);
        Argument && isUserCallee(Argument->first) &&
        !isModelledCallee(Argument->first))
      return; // followed by visitCall
  add(H, HandleStepKind::Escape, User ? *User : Handle);
}

} // namespace

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
