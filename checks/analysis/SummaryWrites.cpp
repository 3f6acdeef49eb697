#include "SummaryWrites.h"
#include "ClaimedSlots.h"
#include "FieldWrites.h"
#include "LazyInitialization.h"
#include "DataBranches.h"
#include "../common/AnalysisCache.h"
#include "../common/AstHelpers.h"
#include "../model/Allocation.h"
#include "../model/Handles.h"
#include "../model/Launch.h"
#include "../model/Synchronization.h"
#include "ParameterGuards.h"
#include "Publication.h"
#include "SummaryScanner.h"
#include "SummaryTable.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <vector>

namespace clang::tidy::parlint {

namespace {

/// More writes than this in one summary are dropped: they only repeat what
/// the first ones say, and keep the cost of a deep call chain bounded.
constexpr size_t MaxWritesPerSummary = 64;

const Expr *withoutParens(const Expr *E) {
  return E ? E->IgnoreParenImpCasts() : nullptr;
}

/// The object a pointer argument points to, in the caller's names: `&x`,
/// `this`, an array or `v.data()` (its elements belong to it), a pointer
/// variable `p` (`*p`).
std::optional<ObjectPath> pointeeOf(const Expr *Arg) {
  const Expr *E = withoutParens(Arg);
  if (!E)
    return std::nullopt;
  if (isa<CXXThisExpr>(E))
    return ObjectPath{};
  // `sp->f()`: the object a std::unique_ptr or std::shared_ptr owns.
  if (smartPointerDereferenced(E))
    return objectPathOf(E);
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    return objectPathOf(Address->getSubExpr());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
      Member && identifierOf(Member->getMethodDecl()) == "data" &&
      isStdContainer(Member->getMethodDecl()->getParent()))
    return objectPathOf(Member->getImplicitObjectArgument());
  if (const auto *Decay = dyn_cast<ImplicitCastExpr>(Arg->IgnoreParens());
      Decay && Decay->getCastKind() == CK_ArrayToPointerDecay)
    return objectPathOf(Decay->getSubExpr());
  auto Path = objectPathOf(E);
  // `ctx->stats`: what a pointer member points to goes by the member's
  // name (ObjectPath).
  if (Path && !Path->Fields.empty() &&
      Path->Fields.back()->getType()->isPointerType())
    return Path;
  if (!Path || Path->ThroughPointer || !Path->Fields.empty() || !Path->Root ||
      !Path->Root->getType().getNonReferenceType()->isPointerType())
    return std::nullopt;
  Path->ThroughPointer = true;
  return Path;
}

class WriteCache;

/// Summarizes the writes of one function body.
class WriteScanner {
public:
  /// Body: the function's body, or one of a constructor's member
  /// initializers (which run on every call, before the body).
  WriteScanner(const FunctionDecl &Function, const Stmt &Body, WriteCache &Cache,
               ASTContext &Context)
      : Function(Function), Body(Body), Cache(Cache), Context(Context),
        Code(AnalysisCache::of(Body, Context)), Locks(Code) {
    IndexScope.Body = &Body;
    IndexScope.Function = &Function;
    for (const ParmVarDecl *Param : Function.parameters())
      if (!Param->getType()->isReferenceType() &&
          !Param->getType()->isPointerType())
        IndexScope.PerLaunch.insert(Param);
  }

  WriteSummary run();

private:
  const FunctionDecl &Function;
  const Stmt &Body;
  WriteCache &Cache;
  ASTContext &Context;
  const FunctionAnalysis &Code;
  LockScopes Locks;
  PublicationPaths Publication{Code};
  /// The function seen as a worker whose own index is any by-value
  /// parameter: an index made of them is a slot the caller chooses.
  WorkerCode IndexScope;
  WriteSummary Result;
  /// Result.HandsOff just before the call being visited.
  bool HandedOffBeforeCall = false;
  /// The wait whose predicate is being read: its accesses hold the locks
  /// held at the wait.
  const CallExpr *InPredicateOf = nullptr;

  bool isOwnParameter(const ValueDecl *D) const {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(D);
    return Param && Param->getDeclContext() == &Function;
  }
  /// Whether a path of this function's names is an object the caller can
  /// reach: a global or static, `*this`, what a non-const reference or
  /// pointer parameter designates (a const one too, for a read).
  bool reachesCaller(const ObjectPath &Path, bool Reading = false) const;
  /// Whether a name may lead to such an object (a pointer parameter's
  /// pointee is reached through it).
  bool mayReachCaller(const ObjectPath &Path, bool Reading = false) const;
  /// The locks that still mean something to the caller: a lock on a local
  /// mutex protects nothing shared and is left out; one through a local
  /// pointer is a wildcard.
  LockSet keptLocks(const LockSet &Held) const;
  /// The locks held at an access that guard what it touches.
  LockSet heldOver(const SharedAccess &Found,
                   const Expr **Unguarded = nullptr) const {
    return locksGuarding(Locks.heldAt(InPredicateOf ? *InPredicateOf : *Found.Where),
                         Found.Object, *Found.Where, Unguarded);
  }
  /// The by-value parameters an index mentions.
  llvm::SmallVector<unsigned, 2> parametersIn(const Expr &Index) const;

  void visitName(const Expr &Name);
  /// An argument that is a local bound to an element (`fetch_from(m, p)`
  /// with `m = mirror_for_repo(p->repo)` or `m = &mirrors[k]`): the
  /// container, and the parameters that pick its slot (empty: a slot any
  /// caller may touch); nullopt for any other argument or a slot that
  /// cannot be mapped.
  std::optional<std::pair<ObjectPath, llvm::SmallVector<unsigned, 2>>>
  elementArgument(const Expr &Arg) const;
  /// Whether Write runs only under a test that reads Written itself (a
  /// check-then-act).
  bool isUnderTestOf(const Stmt &Write, const ObjectPath &Written);
  /// Whether the body calls code of the program's own without a body here
  /// (or through a pointer), asked once.
  bool callsUnseenCode();
  std::optional<bool> CallsUnseen;
  void visitCall(const CallExpr &Call);
  /// What constructing an object of the program's own class does, and
  /// destroying it at the end of its scope (`DepthGuard g;` counting a
  /// global depth up and down).
  /// An object of the program's own class made at Site (a construction,
  /// `std::make_unique<T>(...)`) by Constructor with Args.
  void visitConstruction(const Expr &Site, const CXXConstructorDecl *Constructor,
                         llvm::ArrayRef<const Expr *> Args);
  /// What a call at Site of Callee, bound by Binding, does (a call, a
  /// construction, a destruction).
  void visitCallee(const Expr &Site, const FunctionDecl &Callee,
                   const CallBinding &Binding);
  void noteHandOff(const CallExpr &Call);
  void add(SummaryWrite Write);
  void addGuarded(SummaryWrite Write);
  /// For a write to an element, `s->data[i] = v` or `next[i] += d`: the
  /// index when it is the counter of a `for` of this function counting up
  /// by one (FieldWrites' stepOneCounter) from a value its caller hands
  /// over (a parameter, a field of what one points to): a range the caller
  /// chose; the index may mention it among other names (`dst[y * W + x]`).
  /// Null for anything else (`for (j = 0; ...)` writes the same elements on
  /// every call).
  const VarDecl *handedRangeCounter(const SharedAccess &Found) const {
    const Expr *Target = nullptr;
    if (const auto *Assign = dyn_cast<BinaryOperator>(Found.Where);
        Assign && Assign->isAssignmentOp())
      Target = Assign->getLHS();
    else if (const auto *Step = dyn_cast<UnaryOperator>(Found.Where);
             Step && Step->isIncrementDecrementOp())
      Target = Step->getSubExpr();
    const auto *Element =
        Target ? dyn_cast<ArraySubscriptExpr>(stripped(Target)) : nullptr;
    if (!Element)
      return nullptr;
    const VarDecl *Counter = nullptr;
    forEachDescendant(Element->getIdx(), /*SkipLambdas=*/true, [&](const Stmt &S) {
      const auto *Ref = dyn_cast<DeclRefExpr>(&S);
      const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (!Counter && Var && isHandedRangeCounter(*Var))
        Counter = Var;
    });
    return Counter;
  }
  bool isHandedRangeCounter(const VarDecl &Counter) const {
    const VarDecl *Var = &Counter;
    const DeclStmt *Declaration = Code.declarationOf(*Var);
    const auto *Loop = dyn_cast_or_null<ForStmt>(
        Declaration ? Code.parent(*Declaration) : nullptr);
    if (!Loop || Loop->getInit() != Declaration || stepOneCounter(*Loop) != Var ||
        !Var->getInit())
      return false;
    bool FromCaller = false;
    forEachDescendant(Var->getInit(), /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (const auto *Name = dyn_cast<DeclRefExpr>(&S))
        FromCaller = FromCaller || isOwnParameter(Name->getDecl());
    });
    return FromCaller;
  }
  /// A write to the element a loop counter picks (WriteSummary's
  /// RangeWrites).
  void addRangeWrite(const SharedAccess &Found, const VarDecl &Counter) {
    SummaryWrite Write = writeOf(Found);
    Write.RangeCounter = &Counter;
    Result.RangeWrites.push_back(std::move(Write));
  }
  /// The summary's record of a write of this function's own code, with the
  /// locks held over it.
  SummaryWrite writeOf(const SharedAccess &Found) const {
    SummaryWrite Write;
    Write.Object = Found.Object;
    Write.Write = Found.Write;
    Write.Method = Found.Method;
    Write.Scalar = Found.Scalar;
    Write.ConstantToVolatile = Found.ConstantToVolatile;
    Write.Held = keptLocks(heldOver(Found, &Write.UnguardingStripe));
    Write.Where = Found.Where;
    Write.WhereFunction = &Function;
    Write.OneCaller = letsOneCallerThrough(*Found.Where);
    return Write;
  }
  /// Whether S runs only under a test one caller passes (model's
  /// selectsOneCaller).
  bool letsOneCallerThrough(const Stmt &S) const {
    return Code.isUnderTest(
        S, [&](const Expr &Condition, bool Holds) {
          return selectsOneCaller(Condition, Holds, Context);
        });
  }
  void addUnplaced(SummaryWrite Write) {
    if (Result.UnplacedWrites.size() >= MaxWritesPerSummary)
      return;
    for (const SummaryWrite &Known : Result.UnplacedWrites)
      if (Known.Where == Write.Where && Known.Object == Write.Object &&
          Known.Held == Write.Held)
        return;
    Write.SlotParams.clear();
    Result.UnplacedWrites.push_back(std::move(Write));
  }
  /// Method: the container method the read calls (`size()`), if any.
  /// SlotParams: the by-value parameters that pick the element read.
  void addRead(const ObjectPath &Object, LockSet Held, const Expr &Where,
               const CXXMethodDecl *Method = nullptr,
               llvm::SmallVector<unsigned, 2> SlotParams = {},
               std::optional<bool> BeforeAnyHandOff = std::nullopt);
  /// The slot parameters of a callee's access in this function's names
  /// (Mapped): false for a write to a slot this function cannot map (its
  /// own through a local, or picked by a call).
  bool mapSlotParams(const SummaryWrite &Access, const CallBinding &Binding,
                     llvm::SmallVector<unsigned, 2> &Mapped) const;
  /// branchesOnDataOnly of the summarized function, asked once.
  bool dataBranches() {
    if (!DataBranches)
      DataBranches = branchesOnDataOnly(Function);
    return *DataBranches;
  }
  std::optional<bool> DataBranches;
};

/// The member initializers of Constructor that may write what a caller
/// reaches (`id_(next_id_++)`, `stats_(++s.made)`, a default member
/// initializer it uses): those that name a variable or call something.
/// Constants (`count_(0)`) and bare members are left out.
static llvm::SmallVector<const Expr *, 4>
initializersToScan(const CXXConstructorDecl &Constructor) {
  llvm::SmallVector<const Expr *, 4> Found;
  for (const CXXCtorInitializer *Init : Constructor.inits()) {
    const Expr *E = Init->getInit();
    if (const auto *Default = dyn_cast_or_null<CXXDefaultInitExpr>(E))
      E = Default->getExpr();
    if (!E || E->containsErrors())
      continue;
    bool MayWrite = false;
    forEachDescendant(E, /*SkipLambdas=*/true, [&](const Stmt &S) {
      MayWrite |= isa<CallExpr, DeclRefExpr>(S) ||
                  (isa<CXXConstructExpr>(S) &&
                   cast<CXXConstructExpr>(S).getNumArgs() > 0);
    });
    if (MayWrite)
      Found.push_back(E);
  }
  return Found;
}

/// Adds what From found to Into: the accesses of a constructor's
/// initializers to its body's.
static void mergeInto(WriteSummary &Into, WriteSummary &&From) {
  auto Append = [](auto &To, auto &Items) {
    for (auto &Item : Items)
      To.push_back(std::move(Item));
  };
  Append(Into.Writes, From.Writes);
  Append(Into.GuardedWrites, From.GuardedWrites);
  Append(Into.RangeWrites, From.RangeWrites);
  Append(Into.UnplacedWrites, From.UnplacedWrites);
  Append(Into.Reads, From.Reads);
  Into.HandsOff |= From.HandsOff;
  Into.OrdersInstances |= From.OrdersInstances;
  Into.Publishes |= From.Publishes;
  Into.Locks.merge(From.Locks);
  Into.PublishesBeyondLocks |= From.PublishesBeyondLocks;
  Into.Observes |= From.Observes;
}

class WriteCache : public TranslationUnitState {
public:
  explicit WriteCache(ASTContext &Context) : Context(Context) {}

  const WriteSummary &get(const FunctionDecl &Function) {
    const WriteSummary *Found =
        Table.get(Function, [&](const FunctionDecl &Definition) {
          WriteSummary Summary =
              WriteScanner(Definition, *Definition.getBody(), *this, Context).run();
          if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(&Definition))
            for (const Expr *Init : initializersToScan(*Constructor))
              mergeInto(Summary, WriteScanner(Definition, *Init, *this, Context).run());
          // A spin lock that orders nothing hands nothing off: its
          // atomics protect only the flag it spins on.
          if (ordersNothingAsLock(Definition))
            Summary.HandsOff = Summary.OrdersInstances = Summary.Observes =
                Summary.Publishes = Summary.PublishesBeyondLocks = false;
          if (ordersNothingAsLock(Definition))
            Summary.Locks = LockKeys();
          return Summary;
        });
    return Found ? *Found : Empty;
  }

private:
  ASTContext &Context;
  WriteSummary Empty;
  summaries::SummaryTable<WriteSummary> Table;
};

WriteSummary WriteScanner::run() {
  SummaryWrites::Locking Locking;
  forEachDescendant(&Body, /*SkipLambdas=*/true,
                    [&](const Stmt &S) {
    if (const auto *E = dyn_cast<Expr>(&S); E && E->containsErrors())
      return;
    if (isa<UnaryExprOrTypeTraitExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(&S)) {
      HandedOffBeforeCall = Result.HandsOff;
      noteHandOff(*Call);
      visitCall(*Call);
      if (const CXXConstructorDecl *Made = constructorMadeBy(*Call)) {
        auto [Any, Orders] = SummaryWrites::constructionHandOffs(Made, Context);
        Result.HandsOff |= Any;
        Result.OrdersInstances |= Orders;
        Result.Publishes |= Any;
        Locking.BeyondLocks |= Any;
        visitConstruction(*Call, Made, {Call->getArgs(), Call->getNumArgs()});
      }
      // A wait's predicate runs here, in this thread, holding the wait's
      // lock: what it reads, this function reads there.
      if (const LambdaExpr *Predicate = waitPredicateOf(*Call)) {
        InPredicateOf = Call;
        forEachDescendant(Predicate->getBody(), /*SkipLambdas=*/true,
                          [&](const Stmt &Inner) {
                            if (isa<DeclRefExpr, CXXThisExpr>(Inner))
                              visitName(cast<Expr>(Inner));
                          });
        InPredicateOf = nullptr;
      }
      Result.Publishes = Result.Publishes || SummaryWrites::mayPublish(*Call, Context);
      Locking.merge(SummaryWrites::lockingOf(*Call, Context));
    }
    if (const auto *Atomic = dyn_cast<AtomicExpr>(&S)) {
      HandOffKind Kind = handOffKindOf(*Atomic);
      Result.Publishes |= Kind != HandOffKind::None && !isAtomicLoad(*Atomic);
      Locking.BeyondLocks |= Kind != HandOffKind::None && !isAtomicLoad(*Atomic);
      Result.HandsOff |= Kind != HandOffKind::None;
      Result.OrdersInstances |= Kind == HandOffKind::Ordering;
      Result.Observes |= observesAnotherThread(*Atomic);
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S)) {
      auto [Any, Orders] = SummaryWrites::constructionHandOffs(*Construct, Context);
      Result.HandsOff |= Any;
      Result.OrdersInstances |= Orders;
      const CXXConstructorDecl *Constructor = Construct->getConstructor();
      Result.Publishes |=
          Any || (Constructor && guardKindOf(Constructor->getParent()) != GuardKind::None);
      Locking.merge(SummaryWrites::lockingOf(*Construct, Context));
      visitConstruction(*Construct, Construct->getConstructor(),
                        {Construct->getArgs(), Construct->getNumArgs()});
    }
    if (isa<DeclRefExpr, CXXThisExpr>(S))
      visitName(cast<Expr>(S));
  });
  Result.Locks.merge(Locking.Locks);
  Result.PublishesBeyondLocks |= Locking.BeyondLocks;
  return std::move(Result);
}


bool WriteScanner::reachesCaller(const ObjectPath &Path, bool Reading) const {
  if (Path.isThis()) {
    // In a lambda (a once initializer's), `this` is the object it
    // captured: the caller's.
    const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
    return Method && Method->isInstance() &&
           (!Method->getParent()->isLambda() ||
            llvm::any_of(Method->getParent()->captures(),
                         [](const LambdaCapture &C) { return C.capturesThis(); }));
  }
  const auto *Var = dyn_cast<VarDecl>(Path.Root);
  if (!Var || Var->getTLSKind() != VarDecl::TLS_None)
    return false;
  if (isOwnParameter(Var)) {
    QualType Type = Var->getType();
    // What a const parameter designates is read, never written, except its
    // `mutable` members (a cache filled on first use).
    // Nor what a pointer member of it points to (`b->dst[i] = v` with
    // `const struct band *b`): only the struct itself is const.
    bool Mutable = llvm::any_of(Path.Fields, [](const FieldDecl *Field) {
      return Field->isMutable() || Field->getType()->isPointerType();
    });
    if (Type->isReferenceType())
      return Reading || Mutable || !Type.getNonReferenceType().isConstQualified();
    return Type->isPointerType() && Path.ThroughPointer &&
           (Reading || Mutable || !Type->getPointeeType().isConstQualified());
  }
  return Var->hasGlobalStorage(); // globals, statics, static locals
}

bool WriteScanner::mayReachCaller(const ObjectPath &Path, bool Reading) const {
  if (reachesCaller(Path, Reading))
    return true;
  return isOwnParameter(Path.Root) && !Path.ThroughPointer &&
         Path.Root->getType()->isPointerType();
}

LockSet WriteScanner::keptLocks(const LockSet &Held) const {
  LockSet Kept;
  for (const HeldLock &Lock : Held) {
    if (!Lock.Mutex) {
      Kept.push_back({std::nullopt, nullptr});
      continue;
    }
    const ObjectPath &Mutex = *Lock.Mutex;
    const auto *Var = dyn_cast_or_null<VarDecl>(Mutex.Root);
    bool Local = Var && Var->hasLocalStorage() && !isOwnParameter(Var);
    if (!Local)
      Kept.push_back({Mutex, nullptr, Lock.Shared});
    else if (Mutex.ThroughPointer || Var->getType()->isReferenceType())
      Kept.push_back({std::nullopt, nullptr}); // a lock parlint cannot name
  }
  return Kept;
}

llvm::SmallVector<unsigned, 2>
WriteScanner::parametersIn(const Expr &Index) const {
  llvm::SmallVector<unsigned, 2> Found;
  forEachDescendant(&Index, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Ref = dyn_cast<DeclRefExpr>(&S);
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (Param && IndexScope.PerLaunch.contains(Param) &&
        !llvm::is_contained(Found, Param->getFunctionScopeIndex()))
      Found.push_back(Param->getFunctionScopeIndex());
  });
  return Found;
}

bool WriteScanner::mapSlotParams(const SummaryWrite &Access,
                                 const CallBinding &Binding,
                                 llvm::SmallVector<unsigned, 2> &Mapped) const {
  Mapped.clear();
  bool Unclear = false, ChosenHere = false;
  for (unsigned Param : Access.SlotParams) {
    if (Param >= Binding.Args.size()) {
      Unclear = true;
      break;
    }
    const Expr &Arg = *Binding.Args[Param];
    switch (classifyWorkerIndex(Arg, IndexScope, Code)) {
    case IndexKind::PerWorker: {
      auto Params = parametersIn(Arg);
      Unclear |= Params.empty();
      Mapped.append(Params.begin(), Params.end());
      ChosenHere = true;
      break;
    }
    case IndexKind::Unknown:
      Unclear = true;
      break;
    default:
      break;
    }
  }
  if (!ChosenHere || Unclear)
    Mapped.clear();
  // A write to a slot this function cannot map is left out; a read of one
  // reads the container.
  return !Unclear || Access.Write == WriteKind::None;
}

bool WriteScanner::callsUnseenCode() {
  if (CallsUnseen)
    return *CallsUnseen;
  bool Unseen = false;
  const SourceManager &SM = Context.getSourceManager();
  forEachDescendant(&Code.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CallExpr>(&S);
    if (!Call || Unseen)
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    Unseen = !Callee || (!Callee->hasBody() &&
                         !SM.isInSystemHeader(Callee->getLocation()) &&
                         !Callee->getBuiltinID());
  });
  CallsUnseen = Unseen;
  return Unseen;
}

/// `e->valid` for `e->hits`: another field of the same object, read in the
/// test of the write's path (`if (e->valid) e->hits++;`): the object's own
/// data picks the path, whichever caller finds it so.
static bool isSiblingField(const ObjectPath &Read, const ObjectPath &Written) {
  return Read.Root == Written.Root && Read.ThroughPointer == Written.ThroughPointer &&
         !Written.Fields.empty() && Read.Fields.size() == Written.Fields.size() &&
         std::equal(Written.Fields.begin(), Written.Fields.end() - 1,
                    Read.Fields.begin());
}

bool WriteScanner::isUnderTestOf(const Stmt &Write, const ObjectPath &Written) {
  // Code of the program's own that parlint cannot see (a lock of its own
  // around the test, a call through a pointer) may order the callers.
  if (callsUnseenCode())
    return false;
  auto NoSlot = [](const Expr &) { return false; };
  return Code.isUnderTest(Write, [&](const Expr &Condition, bool) {
    bool Reads = false;
    forEachDescendant(&Condition, /*SkipLambdas=*/true, [&](const Stmt &S) {
      if (Reads || !isa<DeclRefExpr, CXXThisExpr>(S))
        return;
      const auto &Name = cast<Expr>(S);
      std::optional<ElementAlias> Alias = elementAliasOf(Name, Code);
      auto Raw = Alias ? containerPathOf(*Alias) : objectPathOf(&Name);
      if (!Raw)
        return;
      auto Read = Alias ? walkSharedAccess(*Alias->Use, *Raw, Code, NoSlot,
                                           Alias->PointsInto)
                        : walkSharedAccess(Name, *Raw, Code, NoSlot);
      Reads = Read && !Read->isWrite() &&
              (Read->Object == Written || isSiblingField(Read->Object, Written));
    });
    return Reads;
  });
}

void WriteScanner::visitName(const Expr &Name) {
  // A local bound to an element (`auto it = entries_.find(key);`): its uses
  // touch the container, at the key's slot.
  std::optional<ElementAlias> Alias = elementAliasOf(Name, Code);
  auto Raw = Alias ? containerPathOf(*Alias) : objectPathOf(&Name);
  if (!Raw || !mayReachCaller(*Raw, /*Reading=*/true))
    return;
  llvm::SmallVector<unsigned, 2> SlotParams;
  bool Unclear = false;
  const Expr *Ticket = nullptr;
  auto SlotOfItsOwn = [&](const Expr &Index) {
    // A slot claimed with an atomic ticket: no other caller writes it, but
    // a reader may look at it once the counter moved.
    if (const Expr *Claim = ticketOfIndex(Index, Code)) {
      Ticket = Claim;
      return false;
    }
    switch (classifyWorkerIndex(Index, IndexScope, Code)) {
    case IndexKind::PerWorker: {
      auto Params = parametersIn(Index);
      if (Params.empty()) {
        Unclear = true; // through a local: the caller cannot map it
        return true;
      }
      SlotParams.append(Params.begin(), Params.end());
      return false;
    }
    case IndexKind::Unknown:
      Unclear = true;
      return true;
    default:
      return false;
    }
  };
  if (Alias && Alias->Key && SlotOfItsOwn(*Alias->Key))
    return;
  auto Walk = [&](llvm::function_ref<bool(const Expr &)> OwnSlot) {
    return Alias ? walkSharedAccess(*Alias->Use, *Raw, Code, OwnSlot,
                                    Alias->PointsInto)
                 : walkSharedAccess(Name, *Raw, Code, OwnSlot);
  };
  auto Found = Walk(SlotOfItsOwn);
  // A slot the caller cannot map (picked through a local, or by a call): a
  // write there is left out, a read of it reads the container.
  if (Unclear) {
    Found = Walk([](const Expr &) { return false; });
    if (Found && Found->isWrite() && (!Alias || Alias->WholeObject) &&
        reachesCaller(Found->Object))
      if (const VarDecl *Counter = handedRangeCounter(*Found)) {
        addRangeWrite(*Found, *Counter);
        return;
      }
    if (Found && Found->isWrite() && reachesCaller(Found->Object))
      addUnplaced(writeOf(*Found));
    if (!Found || Found->isWrite())
      return;
    SlotParams.clear();
    Ticket = nullptr;
  }
  if (!Found || !reachesCaller(Found->Object, !Found->isWrite()))
    return;
  if (Ticket && (!Found->isWrite() || mayPublishAfterFill(*Found->Where, Code)))
    return; // the claimer's own slot, or one it publishes once filled
  if (!Found->isWrite()) {
    addRead(Found->Object, keptLocks(heldOver(*Found)), *Found->Where,
            Found->Method, std::move(SlotParams));
    return;
  }
  // A range the caller hands over, and still the write it was: a worker
  // handing every instance the same range writes the same elements.
  if ((!Alias || Alias->WholeObject) && !Ticket && SlotParams.empty())
    if (const VarDecl *Counter = handedRangeCounter(*Found))
      addRangeWrite(*Found, *Counter);
  SummaryWrite Write = writeOf(*Found);
  Write.ClaimedBy = Ticket;
  Write.UnpublishedAtReturn =
      Write.Held.empty() && !Publication.mayPublishAfter(*Found->Where);
  Write.SlotParams = std::move(SlotParams);
  // On some paths of a function that picks them from its data alone
  // (DataBranches): some input of any caller takes it, unless the caller
  // picks the path with an argument (`if (file_id == -1) ++last_file_id_;`).
  // A lazy initialization (`if (!table) table = load();`): any caller
  // that comes first takes it.
  // A check-then-act (`if (b->tokens > 0) b->tokens--;`): its path is
  // taken by whichever caller finds the value so.
  // A write under a lock held in shared mode only (`++hits_` under a
  // std::shared_lock): the lock says the code runs in several threads at
  // once, whichever path the data picks.
  bool UnderReaderLocksOnly =
      !Write.Held.empty() &&
      llvm::all_of(Write.Held, [](const HeldLock &Lock) { return Lock.Shared; });
  // Through an element a lookup returned (`s = store_find(st, sid); if
  // (!s) return 401; s->page_views++;`): every call that finds one writes
  // it, whoever the lookup found nothing for.
  const auto *FoundBy = Alias && Alias->Key && isa<CallExpr>(Alias->Key)
                            ? dyn_cast<DeclRefExpr>(&Name) : nullptr;
  const auto *Element = FoundBy ? dyn_cast<VarDecl>(FoundBy->getDecl()) : nullptr;
  Write.EveryCall = UnderReaderLocksOnly ||
                    summaries::onEveryIteration(Code, *Found->Where) ||
                    (Element && Element->getType()->isPointerType() &&
                     summaries::onEveryPath(Code, *Found->Where, Element)) ||
                    (dataBranches() &&
                     !isGuardedByParameterTest(Code, *Found->Where, Function)) ||
                    isLazyInitialization(Code, *Found->Where, Found->Object) ||
                    isUnderTestOf(*Found->Where, Found->Object);
  // A member of the object on some paths: unless the caller picks the path
  // with an argument.
  if (Write.EveryCall ||
      (Write.Object.isThis() &&
       !isGuardedByParameterTest(Code, *Found->Where, Function))) {
    add(std::move(Write));
    return;
  }
  // The caller picks the path with one argument: its constant decides.
  if (dataBranches() && !Found->ConstantToVolatile)
    if (auto Guard = parameterGuardOf(Code, *Found->Where, Function)) {
      Write.EveryCall = true;
      Write.Guard = Guard;
      addGuarded(std::move(Write));
    }
}

void WriteScanner::addGuarded(SummaryWrite Write) {
  if (Result.GuardedWrites.size() >= MaxWritesPerSummary)
    return;
  for (const SummaryWrite &Known : Result.GuardedWrites)
    if (Known.Where == Write.Where && Known.Object == Write.Object)
      return;
  Result.GuardedWrites.push_back(std::move(Write));
}

std::optional<std::pair<ObjectPath, llvm::SmallVector<unsigned, 2>>>
WriteScanner::elementArgument(const Expr &Arg) const {
  const auto *Ref = dyn_cast<DeclRefExpr>(stripped(&Arg));
  if (!Ref)
    return std::nullopt;
  std::optional<ElementAlias> Alias = elementAliasOf(*Ref, Code);
  if (!Alias || !Alias->PointsInto)
    return std::nullopt;
  std::optional<ObjectPath> Container = containerPathOf(*Alias);
  if (!Container || !mayReachCaller(*Container, /*Reading=*/true))
    return std::nullopt;
  llvm::SmallVector<unsigned, 2> Params;
  if (Alias->Key)
    switch (classifyWorkerIndex(*Alias->Key, IndexScope, Code)) {
    case IndexKind::PerWorker:
      Params = parametersIn(*Alias->Key);
      if (Params.empty())
        return std::nullopt;
      break;
    case IndexKind::Unknown:
      return std::nullopt;
    default:
      break;
    }
  return std::make_pair(std::move(*Container), std::move(Params));
}

void WriteScanner::visitCall(const CallExpr &Call) {
  CallBinding Binding;
  if (const FunctionDecl *Callee =
          SummaryWrites::followedCallee(Call, Binding, Context))
    visitCallee(Call, *Callee, Binding);
}

void WriteScanner::visitConstruction(const Expr &Site,
                                     const CXXConstructorDecl *Constructor,
                                     llvm::ArrayRef<const Expr *> Args) {
  summaries::ConstructionBodies Bodies = summaries::constructionBodies(Constructor);
  // `*this` is nothing the caller reaches (a local, a temporary); the
  // arguments bind the constructor's parameters. The destructor runs with
  // the locks taken before the object still held.
  CallBinding Binding;
  Binding.Args.append(Args.begin(), Args.end());
  if (Bodies.Constructor)
    visitCallee(Site, *Bodies.Constructor, Binding);
  if (Bodies.Destructor)
    visitCallee(Site, *Bodies.Destructor, CallBinding());
}

void WriteScanner::visitCallee(const Expr &Site, const FunctionDecl &CalleeDecl,
                               const CallBinding &Binding) {
  const FunctionDecl *Callee = &CalleeDecl;
  const WriteSummary &Inner = Cache.get(*Callee);
  Result.Publishes |= Inner.Publishes;
  Result.Locks.merge(Inner.Locks);
  Result.PublishesBeyondLocks |= Inner.PublishesBeyondLocks;
  Result.HandsOff |= Inner.HandsOff;
  Result.OrdersInstances |= Inner.OrdersInstances;
  Result.Observes |= Inner.Observes;
  if (Inner.Writes.empty() && Inner.Reads.empty() &&
      Inner.GuardedWrites.empty() && Inner.UnplacedWrites.empty())
    return;
  LockSet AtCall = keptLocks(Locks.heldAt(Site));
  if (std::optional<ObjectPath> Once = onceFlagOf(Site))
    AtCall.push_back({Once, nullptr});
  auto HeldThere = [&](const SummaryWrite &Access) {
    LockSet Held = AtCall;
    for (const HeldLock &Lock : Access.Held) {
      std::optional<ObjectPath> Mutex;
      if (Lock.Mutex)
        Mutex = SummaryWrites::mapPath(*Lock.Mutex, *Callee, Binding);
      for (const HeldLock &Kept : keptLocks({{Mutex, nullptr, Lock.Shared}}))
        if (!llvm::is_contained(Held, Kept))
          Held.push_back(Kept);
    }
    return Held;
  };
  // What the callee touches through a pointer parameter given a local
  // bound to an element touches that element; the caller's parameters that
  // pick the slot, in Slot.
  auto ThroughElement = [&](const SummaryWrite &Access, bool Reading,
                            llvm::SmallVector<unsigned, 2> &Slot)
      -> std::optional<ObjectPath> {
    const auto *Param = dyn_cast_or_null<ParmVarDecl>(Access.Object.Root);
    if (!Param || !Access.Object.ThroughPointer || !Access.SlotParams.empty() ||
        !Param->getType()->isPointerType() ||
        Param->getDeclContext() != Callee ||
        Param->getFunctionScopeIndex() >= Binding.Args.size())
      return std::nullopt;
    auto Element = elementArgument(*Binding.Args[Param->getFunctionScopeIndex()]);
    if (!Element)
      return std::nullopt;
    ObjectPath Path = std::move(Element->first);
    Path.Fields.append(Access.Object.Fields.begin(), Access.Object.Fields.end());
    if (!reachesCaller(Path, Reading))
      return std::nullopt;
    Slot = std::move(Element->second);
    return Path;
  };
  // Reads on any path of the callee are reads of this call.
  for (const SummaryWrite &Read : Inner.Reads) {
    llvm::SmallVector<unsigned, 2> SlotParams;
    if (auto Element = ThroughElement(Read, /*Reading=*/true, SlotParams)) {
      addRead(*Element, HeldThere(Read), *Read.Where, Read.Method,
              std::move(SlotParams),
              Read.BeforeAnyHandOff && !HandedOffBeforeCall);
      continue;
    }
    auto Object = SummaryWrites::mapPath(Read.Object, *Callee, Binding);
    if (Object && reachesCaller(*Object, /*Reading=*/true) &&
        mapSlotParams(Read, Binding, SlotParams))
      addRead(*Object, HeldThere(Read), *Read.Where, Read.Method,
              std::move(SlotParams),
              Read.BeforeAnyHandOff && !HandedOffBeforeCall);
  }
  // Writes to elements no one can place stay so.
  for (const SummaryWrite &Write : Inner.UnplacedWrites) {
    llvm::SmallVector<unsigned, 2> Unused;
    auto Object = ThroughElement(Write, /*Reading=*/false, Unused);
    if (!Object)
      Object = SummaryWrites::mapPath(Write.Object, *Callee, Binding);
    if (!Object || !reachesCaller(*Object))
      continue;
    SummaryWrite Mapped = Write;
    Mapped.Object = *Object;
    Mapped.Held = HeldThere(Write);
    Mapped.OneCaller = Write.OneCaller || letsOneCallerThrough(Site);
    addUnplaced(std::move(Mapped));
  }
  // The callee's writes are ours on every call only if the call is.
  llvm::SmallVector<SummaryWrite, 4> Writes =
      SummaryWrites::writesAt(Inner, Binding, Context);
  // A guarded write whose argument is a parameter of ours stays guarded,
  // by that parameter (`report(d, is_error, msg)`).
  for (const SummaryWrite &Guarded : Inner.GuardedWrites) {
    const Expr *Arg = Guarded.Guard->Param < Binding.Args.size()
                          ? Binding.Args[Guarded.Guard->Param]
                          : nullptr;
    const auto *Ref =
        Arg ? dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts()) : nullptr;
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    if (!Param || Param->getDeclContext() != &Function ||
        !Param->getType()->isIntegralOrEnumerationType())
      continue;
    SummaryWrite Passed = Guarded;
    Passed.Guard->Param = Param->getFunctionScopeIndex();
    Writes.push_back(std::move(Passed));
  }
  if (Writes.empty())
    return;
  bool CallEveryTime =
      summaries::onEveryIteration(Code, Site) ||
      (dataBranches() && !isGuardedByParameterTest(Code, Site, Function));
  for (const SummaryWrite &Write : Writes) {
    llvm::SmallVector<unsigned, 2> ElementSlot;
    auto Object = ThroughElement(Write, /*Reading=*/false, ElementSlot);
    bool InElement = Object.has_value();
    if (!InElement)
      Object = SummaryWrites::mapPath(Write.Object, *Callee, Binding);
    if (!Object || !reachesCaller(*Object))
      continue;
    SummaryWrite Mapped = Write;
    Mapped.Object = *Object;
    Mapped.OneCaller = Write.OneCaller || letsOneCallerThrough(Site);
    // `if (!log.opened) open_log(&log);`: a lazy initialization made by
    // the call, which whichever caller comes first makes.
    Mapped.EveryCall =
        Write.EveryCall &&
        (CallEveryTime || isLazyInitialization(Code, Site, Mapped.Object));
    if (!Mapped.EveryCall &&
        (!Mapped.Object.isThis() ||
         (!CallEveryTime && isGuardedByParameterTest(Code, Site, Function))))
      continue;
    Mapped.SlotParams.clear();
    if (InElement) {
      Mapped.SlotParams = std::move(ElementSlot);
    } else if (!mapSlotParams(Write, Binding, Mapped.SlotParams)) {
      // A slot picked here by what this function cannot place.
      Mapped.Held = HeldThere(Write);
      if (!Mapped.Guard)
        addUnplaced(std::move(Mapped));
      continue;
    }
    Mapped.Held = HeldThere(Write);
    Mapped.UnpublishedAtReturn = Write.UnpublishedAtReturn && Mapped.Held.empty() &&
                                 !Publication.mayPublishAfter(Site);
    if (Mapped.Guard) {
      if (CallEveryTime)
        addGuarded(std::move(Mapped));
      continue;
    }
    add(std::move(Mapped));
  }
}

void WriteScanner::noteHandOff(const CallExpr &Call) {
  SummaryWrites::CallHandOff HandOff = SummaryWrites::handOffOf(Call, Context);
  Result.HandsOff |= HandOff.Kind != HandOffKind::None;
  Result.OrdersInstances |= HandOff.Kind == HandOffKind::Ordering;
  Result.Observes |= observesAnotherThread(Call);
  if (!HandOff.SynchronizedObject)
    return;
  auto Object = objectPathOf(HandOff.SynchronizedObject);
  if (!Object || reachesCaller(*Object) ||
      (Object->Root && isOwnParameter(Object->Root)))
    Result.HandsOff = Result.OrdersInstances = Result.Observes = true;
}

void WriteScanner::addRead(const ObjectPath &Object, LockSet Held,
                           const Expr &Where, const CXXMethodDecl *Method,
                           llvm::SmallVector<unsigned, 2> SlotParams,
                           std::optional<bool> BeforeAnyHandOff) {
  if (Result.Reads.size() >= MaxWritesPerSummary)
    return;
  bool PointerValue = Where.getType()->isPointerType() && !Object.Fields.empty() &&
                      Object.Fields.back()->getType()->isPointerType();
  for (SummaryWrite &Known : Result.Reads)
    if (Known.Object == Object && Known.Held == Held &&
        Known.Method == Method && Known.SlotParams == SlotParams) {
      Known.PointerValue &= PointerValue;
      return;
    }
  SummaryWrite Read;
  Read.PointerValue = PointerValue;
  Read.Object = Object;
  Read.Write = WriteKind::None;
  Read.Method = Method;
  Read.SlotParams = std::move(SlotParams);
  Read.BeforeAnyHandOff = BeforeAnyHandOff.value_or(!Result.HandsOff);
  Read.Held = std::move(Held);
  Read.Where = &Where;
  Read.WhereFunction = &Function;
  Result.Reads.push_back(std::move(Read));
}

void WriteScanner::add(SummaryWrite Write) {
  if (Result.Writes.size() >= MaxWritesPerSummary)
    return;
  for (SummaryWrite &Known : Result.Writes)
    if (Known.Where == Write.Where && Known.Object == Write.Object &&
        Known.Held == Write.Held && Known.SlotParams == Write.SlotParams) {
      // Published on one way there: the caller cannot tell which it takes.
      Known.UnpublishedAtReturn &= Write.UnpublishedAtReturn;
      return;
    }
  Result.Writes.push_back(std::move(Write));
}

} // namespace

const WriteSummary &SummaryWrites::of(const FunctionDecl &Function,
                                      ASTContext &Context) {
  return AnalysisCache::layerState<WriteCache>(Context).get(Function);
}

llvm::SmallVector<SummaryWrite, 4>
SummaryWrites::writesAt(const WriteSummary &Summary, const CallBinding &Binding,
                        const ASTContext &Context, bool VariableTakesPath) {
  llvm::SmallVector<SummaryWrite, 4> Writes(Summary.Writes.begin(),
                                            Summary.Writes.end());
  for (const SummaryWrite &Guarded : Summary.GuardedWrites)
    if (Guarded.Guard->Param < Binding.Args.size() &&
        Guarded.Guard->holdsFor(*Binding.Args[Guarded.Guard->Param], Context)
            .value_or(VariableTakesPath)) {
      Writes.push_back(Guarded);
      Writes.back().Guard.reset();
    }
  return Writes;
}

SummaryWrites::CallHandOff SummaryWrites::handOffOf(const CallExpr &Call,
                                                   ASTContext &Context) {
  CallHandOff Result;
  Result.Kind = handOffKindOf(Call);
  if (Result.Kind != HandOffKind::None)
    return Result;
  // A call followed says itself how it synchronizes.
  CallBinding Binding;
  const Expr *Synchronized = synchronizedCallObject(Call);
  if (Synchronized && !followedCallee(Call, Binding, Context))
    Result.SynchronizedObject = Synchronized;
  return Result;
}

static bool callsUnseenCode(const CallExpr &Call, ASTContext &Context);

bool SummaryWrites::takesPartInHandOff(const CallExpr &Call,
                                       ASTContext &Context) {
  const FunctionDecl *Direct = Call.getDirectCallee();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
      Member && memberOp(Member->getMethodDecl()) == HandleOp::Join)
    return false;
  if (Direct && freeFunctionOp(Direct) == HandleOp::Join)
    return false;
  CallHandOff HandOff = handOffOf(Call, Context);
  if (HandOff.Kind != HandOffKind::None || HandOff.SynchronizedObject ||
      observesAnotherThread(Call))
    return true;
  CallBinding Binding;
  if (const FunctionDecl *Callee = followedCallee(Call, Binding, Context)) {
    const WriteSummary &Summary = of(*Callee, Context);
    return Summary.HandsOff || Summary.Observes;
  }
  return callsUnseenCode(Call, Context);
}

/// A function pointer, a virtual call, a body in another file: code of the
/// program that may do anything. A compiler builtin is none (`va_start`,
/// `__builtin_memcpy`), except the atomic ones the model does not know.
static bool callsUnseenCode(const CallExpr &Call, ASTContext &Context) {
  const FunctionDecl *Direct = Call.getDirectCallee();
  if (!Direct)
    return true;
  if (Direct->getBuiltinID() != 0 && Direct->getIdentifier()) {
    StringRef Name = Direct->getName();
    return Name.contains("atomic") || Name.starts_with("__sync") ||
           Name.contains("fence") || Name.contains("synchronize");
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(Direct);
  return !Context.getSourceManager().isInSystemHeader(Direct->getLocation()) &&
         (!Direct->hasBody() || (Method && Method->isVirtual()));
}

SummaryWrites::Locking SummaryWrites::lockingOf(const CallExpr &Call,
                                                ASTContext &Context) {
  Locking Result;
  if (std::optional<LockKeys> Keys = lockKeysOfCall(Call, Context)) {
    Result.Locks = std::move(*Keys);
    return Result;
  }
  if (isConditionNotify(Call) || onlyAcquires(Call))
    return Result;
  // The model's word first (`std::call_once`, a barrier's wait), whatever
  // the library's body shows.
  if (handOffKindOf(Call) != HandOffKind::None) {
    Result.BeyondLocks = true;
    return Result;
  }
  CallBinding Binding;
  if (const FunctionDecl *Callee = followedCallee(Call, Binding, Context)) {
    const WriteSummary &Summary = of(*Callee, Context);
    Result.Locks = Summary.Locks;
    Result.BeyondLocks = Summary.PublishesBeyondLocks;
    return Result;
  }
  Result.BeyondLocks = mayPublish(Call, Context);
  Result.Locks.Any = callsUnseenCode(Call, Context);
  return Result;
}

SummaryWrites::Locking SummaryWrites::lockingWithin(const Stmt &S, ASTContext &Context,
                                                    bool SkipLambdas) {
  Locking Found;
  forEachDescendant(&S, SkipLambdas, [&](const Stmt &Node) {
    if (const auto *Call = dyn_cast<CallExpr>(&Node))
      Found.merge(lockingOf(*Call, Context));
    else if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node))
      Found.BeyondLocks |= takesPartInHandOff(*Atomic) && !isAtomicLoad(*Atomic);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Node))
      Found.merge(lockingOf(*Construct, Context));
  });
  return Found;
}

SummaryWrites::Locking SummaryWrites::lockingOf(const CXXConstructExpr &Construct,
                                                ASTContext &Context) {
  Locking Result;
  if (std::optional<LockKeys> Keys = lockKeysOfGuard(Construct)) {
    Result.Locks = std::move(*Keys);
    return Result;
  }
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  if (!Constructor)
    return Result;
  for (const FunctionDecl *Function :
       {static_cast<const FunctionDecl *>(Constructor),
        static_cast<const FunctionDecl *>(Constructor->getParent()->getDestructor())})
    if (const FunctionDecl *Body =
            Function ? summaries::summarizableDefinition(*Function) : nullptr) {
      const WriteSummary &Summary = of(*Body, Context);
      Result.merge({Summary.Locks, Summary.PublishesBeyondLocks});
    }
  return Result;
}

bool SummaryWrites::mayPublish(const CallExpr &Call, ASTContext &Context) {
  if (lockOpOf(Call) != LockOp::None || namedLockOpOf(Call) != LockOp::None)
    return true;
  if (isConditionNotify(Call) || onlyAcquires(Call))
    return false;
  CallBinding Binding;
  if (const FunctionDecl *Callee = followedCallee(Call, Binding, Context))
    return of(*Callee, Context).Publishes;
  return takesPartInHandOff(Call, Context);
}

std::pair<bool, bool>
SummaryWrites::constructionHandOffs(const CXXConstructExpr &Construct,
                                    ASTContext &Context) {
  return constructionHandOffs(Construct.getConstructor(), Context);
}

std::pair<bool, bool>
SummaryWrites::constructionHandOffs(const CXXConstructorDecl *Constructor,
                                    ASTContext &Context) {
  std::pair<bool, bool> Found{false, false};
  if (!Constructor)
    return Found;
  auto Merge = [&](const FunctionDecl *Function) {
    const FunctionDecl *Body =
        Function ? summaries::summarizableDefinition(*Function) : nullptr;
    if (!Body)
      return;
    const WriteSummary &Summary = of(*Body, Context);
    Found.first |= Summary.HandsOff;
    Found.second |= Summary.OrdersInstances;
  };
  Merge(Constructor);
  Merge(Constructor->getParent()->getDestructor());
  return Found;
}

/// A member call on `this`: inside a pool class of the model, its own
/// implementation, which the model's facts about the pool's API (what
/// `submit` or `wait` does for its users) do not describe.
static bool callsOwnClass(const CallExpr &Call) {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
  const Expr *Object = Member ? Member->getImplicitObjectArgument() : nullptr;
  return Object && isa<CXXThisExpr>(Object->IgnoreParenImpCasts());
}

/// `pthread_once(&once, init)`, `std::call_once(flag, init, args...)`.
static bool isOnceCall(const CallExpr &Call) {
  return Call.getNumArgs() >= 2 &&
         isNamed(Call.getDirectCallee(), {"::pthread_once", "::std::call_once"});
}

std::optional<ObjectPath> onceFlagOf(const Stmt &S) {
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call || !isOnceCall(*Call))
    return std::nullopt;
  const Expr *Flag = Call->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Address = dyn_cast<UnaryOperator>(Flag);
      Address && Address->getOpcode() == UO_AddrOf)
    return objectPathOf(Address->getSubExpr());
  return Flag->getType()->isPointerType() ? std::nullopt : objectPathOf(Flag);
}

/// The function a `pthread_once` or `std::call_once` call runs, with its
/// arguments bound (call_once's after the callable); null for other calls
/// and for callables that are no named function.
static const FunctionDecl *onceInitializerOf(const CallExpr &Call,
                                             CallBinding &Binding) {
  if (!isOnceCall(Call))
    return nullptr;
  const unsigned First = 2; // the flag, the callable, then its arguments
  const Expr *Callable = Call.getArg(1)->IgnoreImplicit()->IgnoreParens();
  // `std::call_once(loaded_, [this] { load(); })`: the lambda's body, its
  // `this` the caller's.
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Callable)) {
    const CXXMethodDecl *Operator = Lambda->getCallOperator();
    if (!Operator || Call.getNumArgs() - First != Operator->getNumParams())
      return nullptr;
    Binding = CallBinding();
    for (auto [Capture, Init] : llvm::zip(Lambda->captures(), Lambda->capture_inits()))
      if (Capture.capturesThis()) {
        Binding.Object = Init;
        Binding.ObjectIsPointer = true;
      }
    Binding.Args.assign(Call.arg_begin() + First, Call.arg_end());
    return Operator;
  }
  if (const auto *Address = dyn_cast<UnaryOperator>(Callable);
      Address && Address->getOpcode() == UO_AddrOf)
    Callable = Address->getSubExpr()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(Callable);
  const auto *Function = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
  if (!Function || isa<CXXMethodDecl>(Function) ||
      Call.getNumArgs() - First != Function->getNumParams())
    return nullptr;
  Binding = CallBinding();
  Binding.Args.assign(Call.arg_begin() + First, Call.arg_end());
  return Function;
}

const FunctionDecl *SummaryWrites::followedCallee(const CallExpr &Call,
                                                  CallBinding &Binding,
                                                  ASTContext &Context) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  // `pthread_once(&once, build_filter)`, `std::call_once(flag, init, a)`:
  // the initializer runs in whichever caller comes first (the call is an
  // ordering hand-off too, for callers that come later).
  if (const FunctionDecl *Initializer = onceInitializerOf(Call, Binding))
    return summaries::summarizableDefinition(*Initializer);
  if (!Callee || summaries::isInSystemHeader(*Callee) ||
      Callee->getBuiltinID() ||
      (summaries::isModelledCallee(Callee) && !callsOwnClass(Call)))
    return nullptr;
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  if (Method && Method->getParent()->isLambda())
    return nullptr; // the worker's own lambdas are its code already
  // An assignment the compiler wrote is a write of the whole object where
  // it is called (SharedWrites' plain class writes), not of each member in
  // a body that has no place in the source.
  if (Method && !Method->isUserProvided() &&
      (Method->isCopyAssignmentOperator() || Method->isMoveAssignmentOperator()))
    return nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    if (summaries::isVirtualDispatch(*Member))
      return nullptr;
    Binding.Object = Member->getImplicitObjectArgument();
    Binding.Args.assign(Member->arg_begin(), Member->arg_end());
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
             Operator && Method && Method->isInstance()) {
    if (Operator->getNumArgs() == 0)
      return nullptr;
    const Expr *Object = Operator->getArg(0);
    if (Method->isVirtual() && !Method->getDevirtualizedMethod(Object, false))
      return nullptr;
    Binding.Object = Object;
    Binding.Args.assign(Operator->arg_begin() + 1, Operator->arg_end());
  } else {
    Binding.Args.assign(Call.arg_begin(), Call.arg_end());
  }
  if (Binding.Object)
    Binding.ObjectIsPointer =
        withoutParens(Binding.Object)->getType()->isPointerType();
  if (describeLaunch(Call, Context))
    return nullptr; // a launch of the program's own: its worker is apart
  return summaries::summarizableDefinition(*Callee);
}

namespace {

/// Whether two summaries' accesses, of functions with one signature, touch
/// the same object: the same global path, or the same path from the
/// parameter at the same position.
bool sameAccess(const SummaryWrite &A, const SummaryWrite &B) {
  if (A.Object.ThroughPointer != B.Object.ThroughPointer ||
      A.Object.Fields != B.Object.Fields ||
      (A.Write == WriteKind::None) != (B.Write == WriteKind::None))
    return false;
  const auto *ParamA = dyn_cast_or_null<ParmVarDecl>(A.Object.Root);
  const auto *ParamB = dyn_cast_or_null<ParmVarDecl>(B.Object.Root);
  if (ParamA || ParamB)
    return ParamA && ParamB &&
           ParamA->getFunctionScopeIndex() == ParamB->getFunctionScopeIndex();
  return A.Object.Root == B.Object.Root;
}

} // namespace

const FunctionDecl *SummaryWrites::commonCallbackSummary(const CallExpr &Call,
                                                         CallBinding &Binding,
                                                         WriteSummary &Common,
                                                         ASTContext &Context) {
  const auto *Member =
      dyn_cast<MemberExpr>(Call.getCallee()->IgnoreParenImpCasts());
  const auto *Field = Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
  if (!Field || Call.getDirectCallee())
    return nullptr;
  llvm::SmallVector<const FunctionDecl *, 4> Targets;
  for (const FunctionDecl *Target : functionTargetsOf(*Field, Context)) {
    const FunctionDecl *Definition = summaries::summarizableDefinition(*Target);
    if (!Definition || Definition->getNumParams() != Call.getNumArgs() ||
        summaries::isInSystemHeader(*Definition))
      return nullptr;
    Targets.push_back(Definition);
  }
  if (Targets.empty())
    return nullptr;
  const WriteSummary &First = of(*Targets.front(), Context);
  auto InEvery = [&](const SummaryWrite &Access, bool Write) {
    for (const FunctionDecl *Other : llvm::ArrayRef(Targets).drop_front()) {
      const WriteSummary &Summary = of(*Other, Context);
      if (llvm::none_of(Write ? Summary.Writes : Summary.Reads,
                        [&](const SummaryWrite &B) { return sameAccess(Access, B); }))
        return false;
    }
    return true;
  };
  Common = WriteSummary();
  for (const SummaryWrite &Write : First.Writes)
    if (InEvery(Write, true))
      Common.Writes.push_back(Write);
  for (const SummaryWrite &Read : First.Reads)
    if (InEvery(Read, false))
      Common.Reads.push_back(Read);
  for (const FunctionDecl *Target : Targets) {
    const WriteSummary &Summary = of(*Target, Context);
    Common.HandsOff |= Summary.HandsOff;
    Common.OrdersInstances |= Summary.OrdersInstances;
    Common.Observes |= Summary.Observes;
  }
  Binding = CallBinding();
  Binding.Args.assign(Call.arg_begin(), Call.arg_end());
  return Targets.front();
}

LockSet SummaryWrites::withCalleeLocks(LockSet AtCall,
                                      const SummaryWrite &Access,
                                      const FunctionDecl &Callee,
                                      const CallBinding &Binding) {
  for (const HeldLock &Lock : Access.Held) {
    std::optional<ObjectPath> Mutex;
    if (Lock.Mutex)
      Mutex = mapPath(*Lock.Mutex, Callee, Binding);
    AtCall.push_back({Mutex, nullptr, Mutex && Lock.Shared});
  }
  return AtCall;
}

/// The construction of a temporary object a member call is made on
/// (`Handler(meter).serve()`), or null.
static const CXXConstructExpr *constructionOf(const Expr *Object) {
  const Expr *E = Object->IgnoreParenImpCasts();
  if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
    E = Temporary->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) // `Handler(m)`
    E = Cast->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
    E = Bind->getSubExpr()->IgnoreParenImpCasts();
  return dyn_cast<CXXConstructExpr>(E);
}

/// `dash.meter_.stats_` with `Dash dash(meter)` binding the reference
/// member `meter_` to `meter`: `meter.stats_`. Other paths as they are.
static ObjectPath throughBoundReference(ObjectPath Path) {
  const auto *Local = dyn_cast_or_null<VarDecl>(Path.Root);
  if (!Local || !Local->hasLocalStorage() || isa<ParmVarDecl>(Local) ||
      Path.ThroughPointer || Path.Fields.empty() ||
      !Path.Fields.front()->getType()->isReferenceType() || !Local->getInit())
    return Path;
  const auto *Construct = constructionOf(Local->getInit());
  if (!Construct)
    return Path;
  auto Bound = boundByConstruction(*Construct, *Path.Fields.front());
  if (!Bound)
    return Path;
  Bound->Fields.append(std::next(Path.Fields.begin()), Path.Fields.end());
  return *Bound;
}

std::optional<ObjectPath>
SummaryWrites::mapPath(const ObjectPath &Path, const FunctionDecl &Callee,
                       const CallBinding &Binding) {
  if (Path.isThis()) {
    const Expr *Object = withoutParens(Binding.Object);
    if (!Object)
      return std::nullopt;
    // `Handler(meter).serve()`: a temporary's reference member is what its
    // construction bound it to; its other members are its own.
    if (const auto *Temporary = constructionOf(Object)) {
      if (Path.Fields.empty() || !Path.Fields.front()->getType()->isReferenceType())
        return std::nullopt;
      auto Bound = boundByConstruction(*Temporary, *Path.Fields.front());
      if (!Bound)
        return std::nullopt;
      Bound->Fields.append(std::next(Path.Fields.begin()), Path.Fields.end());
      return Bound;
    }
    std::optional<ObjectPath> Base =
        isa<CXXThisExpr>(Object) ? ObjectPath{}
        : Binding.ObjectIsPointer ? pointeeOf(Object)
                                  : objectPathOf(Object);
    if (!Base)
      return std::nullopt;
    return throughBoundReference(Base->extendedBy(Path));
  }
  const auto *Param = dyn_cast<ParmVarDecl>(Path.Root);
  if (!Param) // a global or a static
    return Path;
  const auto *Owner = dyn_cast<FunctionDecl>(Param->getDeclContext());
  if (!Owner || Owner->getCanonicalDecl() != Callee.getCanonicalDecl())
    return std::nullopt;
  unsigned Index = Param->getFunctionScopeIndex();
  if (Index >= Binding.Args.size() ||
      isa<CXXDefaultArgExpr>(Binding.Args[Index]))
    return std::nullopt;
  const Expr *Arg = Binding.Args[Index];
  std::optional<ObjectPath> Base;
  if (Param->getType()->isPointerType()) {
    if (!Path.ThroughPointer)
      return std::nullopt; // the pointer itself is the callee's copy
    Base = pointeeOf(Arg);
  } else {
    Base = objectPathOf(Arg);
    // `transfer(*b.from, *b.to)`: what the member points to goes by the
    // member's name.
    if (const auto *Deref = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
        !Base && Deref && Deref->getOpcode() == UO_Deref)
      Base = pointeeOf(Deref->getSubExpr());
    if (Base && Path.ThroughPointer) {
      // `int *&p` written through: what the caller's pointer points to.
      if (Base->ThroughPointer || !Base->Fields.empty() || !Base->Root)
        return std::nullopt;
      Base->ThroughPointer = true;
    }
  }
  if (!Base)
    return std::nullopt;
  return Base->extendedBy(Path);
}

} // namespace clang::tidy::parlint

