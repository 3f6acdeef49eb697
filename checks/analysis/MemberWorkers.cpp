#include "MemberWorkers.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Synchronization.h"
#include "FunctionSummaries.h"
#include "HandleFlow.h"
#include "LockScopes.h"
#include "ClassModel.h"
#include "ObjectPath.h"
#include "SpawnHandle.h"
#include "SummaryScanner.h"
#include "SummaryWrites.h"

#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SetVector.h"

namespace clang::tidy::parlint {

namespace {

const CXXRecordDecl *objectRecordOf(const Expr *Object) {
  if (!Object)
    return nullptr;
  QualType Type = Object->getType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  const CXXRecordDecl *Record = Type.getCanonicalType()->getAsCXXRecordDecl();
  return Record ? Record->getCanonicalDecl() : nullptr;
}

/// The functions of the translation unit's own code that call a method of,
/// or construct, an object of each class: where to look for the calls made
/// while an object's member worker runs. Built once per translation unit,
/// on first use.
class ObjectUseIndex : public TranslationUnitState {
public:
  explicit ObjectUseIndex(ASTContext &Context) : Context(Context) {
    collect(*Context.getTranslationUnitDecl());
  }

  llvm::ArrayRef<const FunctionDecl *> usersOf(const CXXRecordDecl &Record) {
    auto It = Users.find(Record.getCanonicalDecl());
    if (It == Users.end())
      return {};
    return It->second.getArrayRef();
  }

private:
  ASTContext &Context;
  llvm::DenseMap<const CXXRecordDecl *,
                 llvm::SetVector<const FunctionDecl *,
                                 llvm::SmallVector<const FunctionDecl *, 4>>>
      Users;

  void addFunction(const FunctionDecl &Function) {
    if (!Function.doesThisDeclarationHaveABody() || !Function.getBody() ||
        Function.isDependentContext())
      return;
    forEachDescendant(Function.getBody(), /*SkipLambdas=*/false,
                      [&](const Stmt &S) {
      const CXXRecordDecl *Record = nullptr;
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&S))
        Record = objectRecordOf(Call->getImplicitObjectArgument());
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
        Record = objectRecordOf(Construct);
      if (Record)
        Users[Record].insert(&Function);
    });
  }

  void collect(const DeclContext &Scope) {
    forEachOwnDecl(Scope, Context.getSourceManager(), [&](const Decl &D) {
      if (const auto *Template = dyn_cast<FunctionTemplateDecl>(&D))
        for (const FunctionDecl *Instance : Template->specializations())
          addFunction(*Instance);
      else if (const auto *Function = dyn_cast<FunctionDecl>(&D))
        addFunction(*Function);
    });
  }
};

enum class CallRole { Use, Start, Finish };

/// What calling Method does to the worker behind Handle.
CallRole roleOf(const CXXMethodDecl &Method, const FieldDecl &Handle,
                ASTContext &Context) {
  const FunctionSummary &Summary = FunctionSummaries::of(Method, Context);
  if (Summary.startOf(Handle))
    return CallRole::Start;
  if (Summary.mayFinish(ReachedHandle::member(Handle)) ||
      SummaryWrites::of(Method, Context).Observes)
    return CallRole::Finish;
  return CallRole::Use;
}

/// Whether the call hands Object to code that may stop its worker: passes
/// it (or its address) by non-const reference or pointer.
bool handsObjectOver(const CallExpr &Call, const ObjectPath &Object) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  for (unsigned I = 0; I < Call.getNumArgs(); ++I) {
    const Expr *Arg = Call.getArg(I)->IgnoreParenImpCasts();
    if (const auto *Address = dyn_cast<UnaryOperator>(Arg);
        Address && Address->getOpcode() == UO_AddrOf)
      Arg = Address->getSubExpr()->IgnoreParenImpCasts();
    auto Path = objectPathOf(Arg);
    if (!Path || !(*Path == Object))
      continue;
    if (!Callee || I >= Callee->getNumParams())
      return true; // variadic or unknown: may keep it
    QualType Type = Callee->getParamDecl(I)->getType();
    if (Type->isPointerType() ||
        (Type->isReferenceType() && !Type.getNonReferenceType().isConstQualified()))
      return true;
  }
  return false;
}

/// Whether a call of the caller's own code waits for another thread,
/// directly or in a function it calls.
bool callObserves(const CallExpr &Call, ASTContext &Context) {
  if (observesAnotherThread(Call))
    return true;
  CallBinding Binding;
  const FunctionDecl *Callee =
      SummaryWrites::followedCallee(Call, Binding, Context);
  return Callee && SummaryWrites::of(*Callee, Context).Observes;
}

/// One object of the class in one caller, and what the caller does to it.
struct ObjectInCaller {
  ObjectPath Object;
  llvm::SmallVector<const CXXMemberCallExpr *, 4> Uses;
  HandleEvents Events;
  bool Started = false;
  /// The local's construction, when the caller declares it.
  const CXXConstructExpr *Construct = nullptr;
  /// The local whose lifetime ends the object for the path engine.
  const VarDecl *Var = nullptr;
};

/// Where a call inside a lambda of the caller runs for the caller: at the
/// launch of that lambda on a thread of its own; nowhere for any other
/// lambda (it may run at any time, or never).
const Stmt *callPointInCaller(const Stmt &Call, const FunctionAnalysis &Caller,
                              llvm::ArrayRef<Launch> Launches) {
  const LambdaExpr *Outermost = nullptr;
  for (const LambdaExpr *L = Caller.enclosingLambda(Call); L;
       L = Caller.enclosingLambda(*L))
    Outermost = L;
  if (!Outermost)
    return &Call;
  for (const Launch &Spawn : Launches)
    if (Spawn.Lambda == Outermost && Spawn.startsOwnThread())
      return Spawn.Call;
  return nullptr;
}

/// An object a local's initializer allocates: `new T(...)` (its
/// construction) or `std::make_unique<T>(...)`, `std::make_shared<T>(...)`
/// (its class only: the library's body, which holds the construction, may
/// not have been parsed).
struct Allocated {
  const Expr *Allocation = nullptr; ///< the new-expression or the call
  const CXXConstructExpr *Construct = nullptr;
  const CXXRecordDecl *Class = nullptr;
};

std::optional<Allocated> allocatedObjectOf(const Expr *Init) {
  if (!Init)
    return std::nullopt;
  const Expr *E = Init->IgnoreImplicit();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E); // a move of the result
      Construct && Construct->getNumArgs() == 1)
    E = Construct->getArg(0)->IgnoreImplicit();
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    const CXXConstructExpr *Construct = New->getConstructExpr();
    if (!Construct)
      return std::nullopt;
    return Allocated{E, Construct, Construct->getConstructor()->getParent()};
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const TemplateArgumentList *Arguments =
      Callee ? Callee->getTemplateSpecializationArgs() : nullptr;
  if (!Arguments || Arguments->size() == 0 ||
      !isNamed(Callee, {"::std::make_unique", "::std::make_shared"}) ||
      Arguments->get(0).getKind() != TemplateArgument::Type)
    return std::nullopt;
  const CXXRecordDecl *Class = Arguments->get(0).getAsType()->getAsCXXRecordDecl();
  if (!Class)
    return std::nullopt;
  return Allocated{E, nullptr, Class};
}

/// Whether every constructor Class declares that may build an object from
/// other values (not a copy or a move) starts Handle: whichever one an
/// allocation calls does.
bool everyConstructorStarts(const CXXRecordDecl &Class, const FieldDecl &Handle,
                            ASTContext &Context) {
  bool Any = false;
  for (const CXXConstructorDecl *Constructor : Class.ctors()) {
    if (Constructor->isCopyOrMoveConstructor() || Constructor->isDeleted())
      continue;
    const FunctionDecl *Definition = Constructor->getDefinition();
    if (!Definition ||
        !FunctionSummaries::of(*cast<CXXConstructorDecl>(Definition), Context)
             .startOf(Handle))
      return false;
    Any = true;
  }
  return Any;
}

/// The objects of Record whose worker behind Handle the caller starts, with
/// the events the path engine follows for each.
llvm::SmallVector<ObjectInCaller, 2>
objectsStartedIn(const FunctionAnalysis &Body, const CXXRecordDecl &Record,
                 const FieldDecl &Handle, ASTContext &Context,
                 bool OnlyJoinsFinish = false) {
  const CXXRecordDecl *Canonical = Record.getCanonicalDecl();
  llvm::SmallVector<ObjectInCaller, 2> Objects;
  auto ObjectFor = [&](const ObjectPath &Path) -> ObjectInCaller & {
    for (ObjectInCaller &Known : Objects)
      if (Known.Object == Path)
        return Known;
    Objects.emplace_back();
    Objects.back().Object = Path;
    return Objects.back();
  };
  forEachDescendant(&Body.body(), /*SkipLambdas=*/false, [&](const Stmt &S) {
    if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
      // A local constructed by a constructor that starts the worker.
      for (const Decl *D : Declaration->decls()) {
        const auto *Var = dyn_cast<VarDecl>(D);
        const Expr *Init = Var ? Var->getInit() : nullptr;
        if (const auto *Cleanups = dyn_cast_or_null<ExprWithCleanups>(Init))
          Init = Cleanups->getSubExpr();
        const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
        // `auto p = std::make_unique<Indexer>(q);`, `Indexer *p = new
        // Indexer(q);`: the object the local points to, which its calls
        // (`p->count()`) reach through it.
        std::optional<Allocated> Allocation =
            Construct || !Var ? std::nullopt : allocatedObjectOf(Init);
        if (Allocation)
          Construct = Allocation->Construct;
        const CXXRecordDecl *Class =
            Allocation ? Allocation->Class
                       : Construct ? objectRecordOf(Construct) : nullptr;
        if (!Class || Class->getCanonicalDecl() != Canonical ||
            !Var->hasLocalStorage() || Body.enclosingLambda(*Declaration))
          continue;
        ObjectInCaller &O = ObjectFor(ObjectPath{Var, Allocation.has_value(), {}});
        O.Construct = Construct;
        bool Starts = Construct ? FunctionSummaries::of(*Construct->getConstructor(),
                                                        Context)
                                      .startOf(Handle) != nullptr
                                : everyConstructorStarts(*Class, Handle, Context);
        if (!Starts)
          continue;
        O.Started = true;
        // An object reached through the local starts where it is allocated
        // and is not destroyed with the local's name (a reset, a move): the
        // engine follows it without a variable.
        if (Allocation)
          O.Events.AtStmt[Allocation->Allocation] = HandleEffect::Start;
        else
          O.Events.StartsAtDeclaration = true;
      }
      return;
    }
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
    if (!Method || objectRecordOf(Call->getImplicitObjectArgument()) != Canonical)
      return;
    auto Path = objectPathOf(Call->getImplicitObjectArgument());
    if (!Path)
      return;
    ObjectInCaller &O = ObjectFor(*Path);
    bool InLambda = Body.enclosingLambda(*Call) != nullptr;
    switch (roleOf(*Method, Handle, Context)) {
    case CallRole::Start:
      if (!InLambda) {
        O.Events.AtStmt[Call] = HandleEffect::Start;
        O.Started = true;
      }
      break;
    case CallRole::Finish:
      if (!InLambda)
        O.Events.AtStmt[Call] = HandleEffect::Finish;
      break;
    case CallRole::Use:
      if (!Method->isStatic() && !isa<CXXConstructorDecl, CXXDestructorDecl>(Method))
        O.Uses.push_back(Call);
      break;
    }
  });
  llvm::erase_if(Objects, [](const ObjectInCaller &O) { return !O.Started; });
  if (Objects.empty())
    return Objects;

  // What else of the caller may stop the worker or order what it wrote:
  // waiting for another thread, handing the object to other code.
  llvm::SmallVector<const Expr *, 8> Waits;
  llvm::SmallVector<const CallExpr *, 8> OtherCalls;
  forEachDescendant(&Body.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Atomic = dyn_cast<AtomicExpr>(&S);
        Atomic && observesAnotherThread(*Atomic) && !OnlyJoinsFinish)
      Waits.push_back(Atomic);
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call)
      return;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
        Member && objectRecordOf(Member->getImplicitObjectArgument()) == Canonical)
      return;
    if (callObserves(*Call, Context)) {
      if (!OnlyJoinsFinish)
        Waits.push_back(Call);
    }
    else
      OtherCalls.push_back(Call);
  });
  for (ObjectInCaller &O : Objects) {
    for (const Expr *Wait : Waits)
      O.Events.AtStmt.try_emplace(Wait, HandleEffect::Finish);
    for (const CallExpr *Call : OtherCalls)
      if (handsObjectOver(*Call, O.Object))
        O.Events.AtStmt.try_emplace(Call, HandleEffect::Finish);
    if (const auto *Local = dyn_cast_or_null<VarDecl>(O.Object.Root);
        Local && Local->hasLocalStorage() && !O.Object.ThroughPointer &&
        O.Object.Fields.empty() && !Local->getType()->isReferenceType() &&
        !isa<ParmVarDecl>(Local))
      O.Var = Local;
  }
  return Objects;
}

void collectCallsIn(const FunctionDecl &Caller, const CXXRecordDecl &Record,
                    const FieldDecl &Handle, ASTContext &Context,
                    llvm::SmallVectorImpl<CallWhileRunning> &Found,
                    bool OnlyJoinsFinish) {
  const FunctionAnalysis &Body = AnalysisCache::of(*Caller.getBody(), Context);
  auto Objects = objectsStartedIn(Body, Record, Handle, Context, OnlyJoinsFinish);
  if (llvm::all_of(Objects, [](const ObjectInCaller &O) { return O.Uses.empty(); }))
    return;
  llvm::SmallVector<Launch, 4> Launches;
  forEachLaunch(Body.body(), Context,
                [&](const Launch &Spawn) { Launches.push_back(Spawn); });
  for (const ObjectInCaller &O : Objects)
    for (const CXXMemberCallExpr *Use : O.Uses) {
      const Stmt *At = callPointInCaller(*Use, Body, Launches);
      if (At && mayBeRunningAt(Body, O.Var, O.Events, *At))
        Found.push_back({Use, Use->getMethodDecl(), At, &Body});
    }
}

/// Path, a path of the class's own names (`this->stats_.files`), in the
/// caller's names when it goes through reference member Field bound to
/// Bound.
std::optional<ObjectPath> throughBinding(const ObjectPath &Path,
                                         const FieldDecl &Field,
                                         const ObjectPath &Bound) {
  if (!Path.isThis() || Path.Fields.empty() || Path.Fields.front() != &Field)
    return std::nullopt;
  ObjectPath Tail;
  Tail.Fields.assign(Path.Fields.begin() + 1, Path.Fields.end());
  return Bound.extendedBy(Tail);
}

/// For an object Bound of the caller Body: where the caller starts an
/// object of a class other than Record, constructed with one of its
/// reference members bound to Bound, whose member worker writes or reads
/// Touched (in the caller's names) through that member without a lock of
/// Held; null when none does.
const Stmt *otherClassWorkerTouching(const FunctionAnalysis &Body,
                                     const CXXRecordDecl &Record,
                                     const ObjectPath &Bound,
                                     const ObjectPath &Touched,
                                     const LockSet &Held, ASTContext &Context) {
  const Stmt *Found = nullptr;
  ClassModels::forEachClass(Context, [&](const ClassModel &Model) {
    if (Found || Model.Record->getCanonicalDecl() == Record.getCanonicalDecl())
      return;
    for (const HandleMember &Member : Model.Members) {
      if (Found || Member.Kind != MemberHandleKind::Thread)
        continue;
      // The member worker: the function a start of the member launches.
      const FunctionDecl *Run = nullptr;
      for (const MemberSite &Start : Member.Starts)
        if (Start.Where)
          forEachLaunch(*Start.Where, Context, [&](const Launch &Spawn) {
            if (!Run && Spawn.Worker && Spawn.ParamShift == -1)
              Run = summaries::summarizableDefinition(*Spawn.Worker);
          });
      if (!Run)
        continue;
      const WriteSummary &Summary = SummaryWrites::of(*Run, Context);
      for (ObjectInCaller &Other :
           objectsStartedIn(Body, *Model.Record, *Member.Field, Context)) {
        if (Found || !Other.Construct || !Other.Started)
          continue;
        for (const FieldDecl *Field : Model.Record->fields()) {
          if (!Field->getType()->isReferenceType() ||
              !(boundByConstruction(*Other.Construct, *Field) == Bound))
            continue;
          // A lock of the other worker's, in its class's names, is not
          // compared with the write's: only an unlocked access counts.
          auto Unlocked = [&](const SummaryWrite &Access) {
            auto InCaller = throughBinding(Access.Object, *Field, Bound);
            return Access.Held.empty() && InCaller && InCaller->overlaps(Touched);
          };
          if (llvm::any_of(Summary.Writes, Unlocked) ||
              (Held.empty() && llvm::any_of(Summary.Reads, Unlocked))) {
            Found = Other.Construct;
            for (const auto &[Where, Effect] : Other.Events.AtStmt)
              if (Effect == HandleEffect::Start)
                Found = Where;
            break;
          }
        }
      }
    }
  });
  return Found;
}

} // namespace

const FieldDecl *memberHoldingLaunch(const Launch &Spawn,
                                     const CXXMethodDecl &Method,
                                     const FunctionAnalysis &Body) {
  const auto *Field =
      dyn_cast_or_null<FieldDecl>(describeSpawn(Spawn, Body).Holder);
  if (!Field)
    return nullptr;
  const auto *Owner = dyn_cast<CXXRecordDecl>(Field->getParent());
  const CXXRecordDecl *Class = Method.getParent();
  if (!Owner || !Class)
    return nullptr;
  return Owner->getCanonicalDecl() == Class->getCanonicalDecl() ||
                 Class->isDerivedFrom(Owner)
             ? Field
             : nullptr;
}

llvm::SmallVector<std::pair<Launch, const FieldDecl *>, 1>
launchesInMemberInitializers(const CXXConstructorDecl &Constructor,
                             ASTContext &Context) {
  llvm::SmallVector<std::pair<Launch, const FieldDecl *>, 1> Found;
  for (const CXXCtorInitializer *Init : Constructor.inits()) {
    if (!Init->isWritten() || !Init->getMember() || !Init->getInit())
      continue;
    if (!isSummarizedHandleType(Init->getMember()->getType()))
      continue;
    forEachLaunch(*Init->getInit(), Context, [&](const Launch &Spawn) {
      Found.push_back({Spawn, Init->getMember()});
    });
  }
  return Found;
}

llvm::SmallVector<CallWhileRunning, 4>
callsWhileMemberRuns(const CXXRecordDecl &Record, const FieldDecl &Handle,
                     ASTContext &Context, bool OnlyJoinsFinish) {
  llvm::SmallVector<CallWhileRunning, 4> Found;
  auto &Index = AnalysisCache::layerState<ObjectUseIndex>(Context);
  for (const FunctionDecl *Caller : Index.usersOf(Record))
    collectCallsIn(*Caller, Record, Handle, Context, Found, OnlyJoinsFinish);
  return Found;
}

llvm::SmallVector<BoundAccess, 4>
accessesThroughBoundReference(const CXXRecordDecl &Record,
                              const FieldDecl &Handle,
                              const ObjectPath &Written, const LockSet &Held,
                              ASTContext &Context) {
  llvm::SmallVector<BoundAccess, 4> Found;
  if (!Written.isThis() || Written.Fields.empty() ||
      !Written.Fields.front()->getType()->isReferenceType())
    return Found;
  const FieldDecl &Field = *Written.Fields.front();
  auto &Index = AnalysisCache::layerState<ObjectUseIndex>(Context);
  for (const FunctionDecl *Caller : Index.usersOf(Record)) {
    const FunctionAnalysis &Body = AnalysisCache::of(*Caller->getBody(), Context);
    auto Objects = objectsStartedIn(Body, Record, Handle, Context);
    for (const ObjectInCaller &O : Objects) {
      std::optional<ObjectPath> Bound =
          O.Construct ? boundByConstruction(*O.Construct, Field) : std::nullopt;
      std::optional<ObjectPath> Object =
          Bound ? throughBinding(Written, Field, *Bound) : std::nullopt;
      if (!Object)
        continue;
      // The write's locks in the caller's names; one it cannot name may be
      // any lock.
      LockSet WriteHeld;
      for (const HeldLock &Lock : Held) {
        HeldLock Mapped = Lock;
        Mapped.Guard = nullptr;
        Mapped.Mutex =
            Lock.Mutex ? throughBinding(*Lock.Mutex, Field, *Bound) : std::nullopt;
        Mapped.Shared = Mapped.Mutex && Lock.Shared;
        WriteHeld.push_back(Mapped);
      }
      // The caller's own accesses while the worker may run.
      llvm::SmallVector<const Stmt *, 2> Skipped;
      if (O.Construct)
        Skipped.push_back(O.Construct);
      for (const SharedAccess &Access :
           collectLauncherAccesses(Body, Skipped, {*Object})) {
        if (sharesLock(WriteHeld, Access.Held) ||
            !mayBeRunningAt(Body, O.Var, O.Events, *Access.Where))
          continue;
        Found.push_back({Access.Where, Access.isWrite(), false});
        break;
      }
      // An object of another class bound to the same object, whose own
      // member worker touches it without the write's lock while this one
      // may run (an audio and a video thread counting into one stats).
      if (const Stmt *OtherStart = otherClassWorkerTouching(
              Body, Record, *Bound, *Object, WriteHeld, Context);
          OtherStart && mayBeRunningAt(Body, O.Var, O.Events, *OtherStart))
        Found.push_back({OtherStart, true, true});
      // Another object of the class bound to the same object, whose worker
      // makes the same write while this one may run.
      if (sharesLock(WriteHeld, WriteHeld))
        continue;
      for (const ObjectInCaller &Other : Objects) {
        if (&Other == &O || !Other.Construct ||
            !(boundByConstruction(*Other.Construct, Field) == Bound))
          continue;
        const Stmt *OtherStart = Other.Construct;
        for (const auto &[Where, Effect] : Other.Events.AtStmt)
          if (Effect == HandleEffect::Start)
            OtherStart = Where;
        if (mayBeRunningAt(Body, O.Var, O.Events, *OtherStart))
          Found.push_back({OtherStart, true, true});
      }
    }
  }
  return Found;
}

/// The user-written destructor of Record, with a body, when Handle is a
/// std::jthread (or a container of them) that joins only after that body.
static const CXXDestructorDecl *bodyBeforeMemberJoin(const CXXRecordDecl &Record,
                                                     const FieldDecl &Handle) {
  HandleType Type = handleTypeOf(Handle.getType());
  const CXXDestructorDecl *Destructor = Record.getDestructor();
  if ((Type != HandleType::JThread && Type != HandleType::JThreadContainer) ||
      !Destructor || !Destructor->isUserProvided() || !Destructor->hasBody() ||
      !Destructor->getBody())
    return nullptr;
  return Destructor;
}

llvm::SmallVector<ReadBeforeJoin, 2>
readsBeforeMemberJoin(const CXXRecordDecl &Record, const FieldDecl &Handle,
                      ASTContext &Context) {
  llvm::SmallVector<ReadBeforeJoin, 2> Found;
  const CXXDestructorDecl *Destructor = bodyBeforeMemberJoin(Record, Handle);
  if (!Destructor)
    return Found;
  const SourceManager &SM = Context.getSourceManager();
  bool MayWait = false;
  forEachDescendant(Destructor->getBody(), /*SkipLambdas=*/false,
                    [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call || MayWait)
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    bool Requests = Member && Member->getMethodDecl() &&
                    identifierOf(Member->getMethodDecl()) == "request_stop";
    MayWait = !Requests &&
              (!Callee || !SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation())) ||
               SummaryWrites::takesPartInHandOff(*Call, Context) ||
               observesAnotherThread(*Call) ||
               (Member && memberOp(Member->getMethodDecl()) == HandleOp::Join));
  });
  if (MayWait)
    return Found;
  for (const SummaryWrite &Read : SummaryWrites::of(*Destructor, Context).Reads)
    if (Read.Object.isThis() && !Read.Object.Fields.empty() &&
        Read.Object.Fields.front() != &Handle && Read.WhereFunction == Destructor &&
        Read.Where)
      Found.push_back({Read.Where, Read.Object, Read.Held, Destructor});
  return Found;
}

/// What the class's own methods called by Method before Join write
/// themselves (`shutdown()` setting `closing_` before `worker_.join()`): a
/// call made without a lock held, of a method that does not join the
/// worker itself (its own writes are its own method's).
static llvm::SmallVector<WriteBeforeJoin, 2>
writesOfCallsBefore(const CXXMethodDecl &Method, const Stmt &Join,
                    const FieldDecl &Handle, ASTContext &Context) {
  llvm::SmallVector<WriteBeforeJoin, 2> Found;
  const SourceManager &SM = Context.getSourceManager();
  llvm::SmallVector<const CXXMemberCallExpr *, 2> Calls;
  forEachDescendant(Method.getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    const CXXMethodDecl *Callee = Call ? Call->getMethodDecl() : nullptr;
    if (Callee && Callee->getParent() == Method.getParent() &&
        Callee != &Method && !Callee->isVirtual() && Callee->hasBody() &&
        isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts()) &&
        SM.isBeforeInTranslationUnit(Call->getEndLoc(), Join.getBeginLoc()))
      Calls.push_back(Call);
  });
  if (Calls.empty())
    return Found;
  LockScopes Locks(AnalysisCache::of(*Method.getBody(), Context));
  for (const CXXMemberCallExpr *Call : Calls) {
    const CXXMethodDecl *Callee = Call->getMethodDecl();
    if (!Locks.heldAt(*Call).empty() ||
        llvm::any_of(FunctionSummaries::stepsOf(*Callee, Context),
                     [&](const HandleStep &Step) {
                       return Step.Kind == HandleStepKind::Join &&
                              Step.Handle == ReachedHandle::member(Handle);
                     }))
      continue;
    const FunctionDecl *Definition = Callee->getDefinition();
    for (const SummaryWrite &Write : SummaryWrites::of(*Callee, Context).Writes)
      if (Write.Object.isThis() && Write.Where && !Write.ConstantToVolatile &&
          Write.WhereFunction == Definition)
        Found.push_back({&Method, Write.Where, Call, Write.Object, Write.Held,
                         Write.Scalar, &Join});
  }
  return Found;
}

/// Each method of Record (the destructor too) that joins the member worker
/// behind Handle itself, in its own body or through a call there, with the
/// first such join.
static void forEachOwnJoin(
    const CXXRecordDecl &Record, const FieldDecl &Handle, ASTContext &Context,
    llvm::function_ref<void(const CXXMethodDecl &, const Stmt &)> Visit) {
  const ClassModel *Model = ClassModels::of(Record, Context);
  if (!Model)
    return;
  for (const FunctionDecl *Function : Model->Methods) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Function);
    if (!Method || Method->getParent() != &Record)
      continue;
    for (const HandleStep &Step : FunctionSummaries::stepsOf(*Method, Context))
      if (Step.Kind == HandleStepKind::Join && Step.Where &&
          Step.Handle == ReachedHandle::member(Handle)) {
        Visit(*Method, *Step.Where);
        break;
      }
  }
}

llvm::SmallVector<WriteBeforeJoin, 2>
writesBeforeJoin(const CXXRecordDecl &Record, const FieldDecl &Handle,
                 ASTContext &Context) {
  llvm::SmallVector<WriteBeforeJoin, 2> Found;
  // A std::jthread member joins when it is destroyed, after the destructor's
  // body: what that body writes, the worker may still read.
  HandleType Type = handleTypeOf(Handle.getType());
  const CXXDestructorDecl *Destructor = Record.getDestructor();
  if (const CXXDestructorDecl *Body = bodyBeforeMemberJoin(Record, Handle))
    for (const SummaryWrite &Write : SummaryWrites::of(*Body, Context).Writes)
      if (Write.Object.isThis() && Write.WhereFunction == Destructor &&
          Write.Where && !Write.ConstantToVolatile)
        Found.push_back({Destructor, Write.Where, nullptr, Write.Object, Write.Held,
                         Write.Scalar, Destructor->getBody(),
                         /*JoinedByMemberDestructor=*/true});
  // Members declared after it are destroyed before it joins (in reverse
  // order of declaration): what their destructors write, the worker may
  // still touch. Unless the destructor's body finishes the worker itself.
  // (A body that names the member or calls anything may stop it first.)
  auto MayFinishFirst = [&] {
    if (!Destructor || !Destructor->isUserProvided())
      return false;
    if (!Destructor->hasBody() || mentions(Destructor->getBody(), &Handle))
      return true;
    bool Calls = false;
    forEachDescendant(Destructor->getBody(), /*SkipLambdas=*/false,
                      [&](const Stmt &S) { Calls |= isa<CallExpr>(S); });
    return Calls;
  };
  if ((Type == HandleType::JThread || Type == HandleType::JThreadContainer) &&
      !MayFinishFirst()) {
    bool After = false;
    for (const FieldDecl *Member : Record.fields()) {
      After |= Member == &Handle;
      const CXXRecordDecl *Class = Member->getType()->getAsCXXRecordDecl();
      const CXXDestructorDecl *MemberDestructor =
          After && Class && Class->hasDefinition() ? Class->getDestructor()
                                                   : nullptr;
      if (!MemberDestructor || !MemberDestructor->isUserProvided() ||
          !MemberDestructor->hasBody())
        continue;
      for (const SummaryWrite &Write :
           SummaryWrites::of(*MemberDestructor, Context).Writes) {
        if (!Write.Object.isThis() || !Write.Where || Write.ConstantToVolatile ||
            !Write.Held.empty())
          continue;
        ObjectPath Object;
        Object.Fields.push_back(Member);
        Object.Fields.append(Write.Object.Fields.begin(), Write.Object.Fields.end());
        WriteBeforeJoin Destroyed{MemberDestructor, Write.Where, nullptr,
                                  std::move(Object),
                                  {}, Write.Scalar, nullptr, true};
        Destroyed.DestroyedMember = Member;
        Found.push_back(std::move(Destroyed));
      }
    }
  }
  const SourceManager &SM = Context.getSourceManager();
  // Each method (the destructor too) that joins the member in its own
  // body, or through a call there: what it writes itself before that is
  // written while the worker runs.
  forEachOwnJoin(Record, Handle, Context,
                 [&](const CXXMethodDecl &Method, const Stmt &Join) {
    for (const SummaryWrite &Write : SummaryWrites::of(Method, Context).Writes)
      if (Write.Object.isThis() && Write.WhereFunction == &Method &&
          Write.Where && !Write.ConstantToVolatile &&
          SM.isBeforeInTranslationUnit(Write.Where->getBeginLoc(),
                                       Join.getBeginLoc()))
        Found.push_back({&Method, Write.Where, nullptr, Write.Object,
                         Write.Held, Write.Scalar, &Join});
    for (WriteBeforeJoin &Called : writesOfCallsBefore(Method, Join, Handle, Context))
      Found.push_back(std::move(Called));
  });
  return Found;
}

std::optional<ObjectPath> memberReadThroughGetter(const CXXMemberCallExpr &Call,
                                                  const FunctionAnalysis &Caller) {
  const FieldDecl *Field = memberReturnedBy(Call.getMethodDecl());
  if (!Field)
    return std::nullopt;
  ObjectPath Read;
  Read.Fields.push_back(Field);
  // The first user past conversions and parentheses.
  const Stmt *Current = &Call;
  const Stmt *User = Caller.parent(Call);
  while (isa_and_nonnull<ImplicitCastExpr, ParenExpr, MaterializeTemporaryExpr,
                         ExprWithCleanups>(User)) {
    Current = User;
    User = Caller.parent(*User);
  }
  // `const Stats &held = s.stats();`: read where `held` is used.
  if (const auto *Declaration = dyn_cast_or_null<DeclStmt>(User)) {
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Var->getInit() == Current && Var->getType()->isReferenceType())
        return std::nullopt;
    return Read;
  }
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(User))
    if (const auto *Selected = dyn_cast<FieldDecl>(Member->getMemberDecl()))
      Read.Fields.push_back(Selected);
  return Read;
}

llvm::SmallVector<ReadBeforeOwnJoin, 2>
readsBeforeOwnJoin(const CXXRecordDecl &Record, const FieldDecl &Handle,
                   ASTContext &Context) {
  llvm::SmallVector<ReadBeforeOwnJoin, 2> Found;
  const SourceManager &SM = Context.getSourceManager();
  auto OfThis = [&](const ObjectPath &Object) {
    return Object.isThis() && !Object.Fields.empty() &&
           Object.Fields.front() != &Handle;
  };
  forEachOwnJoin(Record, Handle, Context,
                 [&](const CXXMethodDecl &Method, const Stmt &Join) {
    if (isa<CXXDestructorDecl>(Method) || !Method.hasBody())
      return;
    auto Before = [&](const Stmt &S) {
      return SM.isBeforeInTranslationUnit(S.getBeginLoc(), Join.getBeginLoc());
    };
    for (const SummaryWrite &Read : SummaryWrites::of(Method, Context).Reads)
      if (OfThis(Read.Object) && Read.WhereFunction == &Method && Read.Where &&
          Before(*Read.Where))
        Found.push_back({&Method, Read.Where, Read.Object, &Join});
    // The predicates of the waits before the join run in this thread.
    forEachDescendant(Method.getBody(), /*SkipLambdas=*/true, [&](const Stmt &S) {
      const auto *Wait = dyn_cast<CallExpr>(&S);
      const LambdaExpr *Predicate = Wait ? waitPredicateOf(*Wait) : nullptr;
      if (!Predicate || !Before(*Wait))
        return;
      forEachDescendant(Predicate->getBody(), /*SkipLambdas=*/true,
                        [&](const Stmt &Node) {
        if (const auto *Member = dyn_cast<MemberExpr>(&Node)) {
          const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          if (Field && Field != &Handle &&
              isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
            ObjectPath Object;
            Object.Fields.push_back(Field);
            Found.push_back({&Method, Member, std::move(Object), &Join});
          }
          return;
        }
        const auto *Call = dyn_cast<CXXMemberCallExpr>(&Node);
        const CXXMethodDecl *Callee = Call ? Call->getMethodDecl() : nullptr;
        if (!Callee || Callee->getParent() != &Record || Callee->isVirtual() ||
            !isa<CXXThisExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts()))
          return;
        for (const SummaryWrite &Read : SummaryWrites::of(*Callee, Context).Reads)
          if (OfThis(Read.Object))
            Found.push_back({&Method, Call, Read.Object, &Join});
      });
    });
  });
  return Found;
}

} // namespace clang::tidy::parlint
