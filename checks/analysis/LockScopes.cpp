#include "LockScopes.h"
#include "ReturnedElements.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

namespace clang::tidy::parlint {

namespace {

HeldLock wildcard(const VarDecl *Guard = nullptr) { return {std::nullopt, Guard}; }

/// The array a mutex is an element of (`latch_[i]`, `locks + h`,
/// `&shards[k].mu`), named as the array itself (with the element's
/// members): every element of one array is one lock to this analysis, so
/// it stays apart from the program's other locks. Nullopt when the array
/// is reached through a pointer member (two pointers: no single name).
std::optional<ObjectPath> elementMutexPath(const Expr *E) {
  llvm::SmallVector<const FieldDecl *, 2> Members;
  while (const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts())) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || Member->isArrow())
      return std::nullopt;
    Members.insert(Members.begin(), Field);
    E = Member->getBase();
  }
  auto [Array, Index] = arrayAndIndexOf(E);
  if (!Array)
    return std::nullopt;
  Array = Array->IgnoreParenImpCasts(); // an array, not its decay
  std::optional<ObjectPath> Path = objectPathOf(Array);
  if (!Path)
    return std::nullopt;
  if (Array->getType()->isPointerType()) {
    if (Path->ThroughPointer || !Path->Fields.empty())
      return std::nullopt;
    Path->ThroughPointer = true; // `locks[h]` with `pthread_mutex_t *locks`
  }
  Path->Fields.append(Members.begin(), Members.end());
  return Path;
}

/// The mutex an argument names: `m`, `&m`, `*p`, `this->m_`, an element
/// of an array of mutexes (above).
HeldLock mutexNamedBy(const Expr *Arg, const VarDecl *Guard) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    E = Address->getSubExpr();
  std::optional<ObjectPath> Path = objectPathOf(E);
  if (!Path)
    Path = elementMutexPath(E);
  return {Path, Guard};
}

const CXXConstructExpr *constructionOf(const VarDecl &Var) {
  const Expr *Init = Var.getInit();
  if (!Init)
    return nullptr;
  Init = Init->IgnoreImplicit();
  if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(Init))
    Init = Cleanups->getSubExpr()->IgnoreImplicit();
  const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
  if (!Construct || !Construct->getConstructor() ||
      Construct->getConstructor()->isCopyOrMoveConstructor())
    return nullptr;
  return Construct;
}

bool takesMutexArgument(const CXXConstructExpr &Construct) {
  for (const Expr *Arg : Construct.arguments())
    if (isMutexType(Arg->getType()))
      return true;
  return false;
}

void add(LockSet &Held, const HeldLock &Lock) {
  if (!llvm::is_contained(Held, Lock))
    Held.push_back(Lock);
}

bool isLockStatement(const Stmt &S, ASTContext &Context) {
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    return lockOpOf(*Call) != LockOp::None ||
           namedLockOpOf(*Call) != LockOp::None ||
           indirectLockOf(*Call, Context).Op != LockOp::None;
  if (const auto *Decls = dyn_cast<DeclStmt>(&S))
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D)) {
        const CXXConstructExpr *Construct;
        if (guardOf(*Var, Construct) != GuardKind::None)
          return true;
      }
  return false;
}

/// The lock call an `if` runs as its whole then-branch, with no else:
/// `if (l) lock(l);`, the body of a macro such as `LOCK(l)` that skips a
/// null lock object.
const CallExpr *soleCallOfThen(const IfStmt &If) {
  if (If.getElse() || If.getInit() || If.getConditionVariable())
    return nullptr;
  const Stmt *Then = If.getThen();
  while (const auto *Block = dyn_cast_or_null<CompoundStmt>(Then)) {
    if (Block->size() != 1)
      return nullptr;
    Then = Block->body_front();
  }
  const auto *Call = dyn_cast_or_null<CallExpr>(Then);
  return Call;
}

/// The expression a condition tests for being non-null: `l`, `l != NULL`,
/// `l != 0`, `NULL != l`.
const Expr *testedForNonNull(const Expr *Condition, ASTContext &Context) {
  const Expr *E = Condition->IgnoreParenImpCasts();
  const auto *Compare = dyn_cast<BinaryOperator>(E);
  if (!Compare)
    return E->getType()->isPointerType() ? E : nullptr;
  if (Compare->getOpcode() != BO_NE)
    return nullptr;
  auto IsNull = [&](const Expr *Side) {
    return Side->isNullPointerConstant(Context,
                                       Expr::NPC_ValueDependentIsNotNull) !=
           Expr::NPCK_NotNull;
  };
  const Expr *Lhs = Compare->getLHS()->IgnoreParenImpCasts();
  const Expr *Rhs = Compare->getRHS()->IgnoreParenImpCasts();
  if (IsNull(Rhs) && !IsNull(Lhs))
    return Lhs;
  if (IsNull(Lhs) && !IsNull(Rhs))
    return Rhs;
  return nullptr;
}

/// An element picked from an array (`locks[h % N]`, `stripes_[id % 4]`,
/// `set->b + h`): the array's path, and whether the index varies.
struct PickedElement {
  ObjectPath Array;
  bool ByData = false;
};

std::optional<PickedElement> pickedElement(const Expr *Element,
                                           ASTContext &Context) {
  const Expr *E = Element->IgnoreParenImpCasts();
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    return std::nullopt; // `&locks[h]` is the caller's to strip
  auto [Array, Index] = arrayAndIndexOf(E);
  if (!Array || Index->isValueDependent())
    return std::nullopt;
  std::optional<ObjectPath> Path = objectPathOf(Array->IgnoreParenImpCasts());
  if (!Path)
    return std::nullopt;
  return PickedElement{*Path, !Index->isIntegerConstantExpr(Context)};
}

/// The element a local pointer or reference is set to once and never
/// changes: `&set->b[h]`, `set->b + h`, or what a helper whose whole body is
/// one return gives (`shard_for(kv, key)` with `return
/// &kv->shards[hash(key) % N];`), the helper's parameter at the array's
/// root read as the call's argument.
std::optional<PickedElement> elementHeldByLocal(const ValueDecl *Root,
                                                const Stmt &Body,
                                                ASTContext &Context) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Root);
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      !Var->getInit() ||
      !(Var->getType()->isPointerType() || Var->getType()->isReferenceType()) ||
      isChangedWithin(Var, Body))
    return std::nullopt;
  const Expr *Init = stripped(Var->getInit());
  if (const auto *Via = dyn_cast<CallExpr>(Init)) {
    std::optional<ReturnedElement> Element = elementReturnedBy(*Via);
    if (!Element || (Element->Index && Element->Index->isValueDependent()))
      return std::nullopt;
    return PickedElement{Element->Array,
                         !Element->Index ||
                             !Element->Index->isIntegerConstantExpr(Context)};
  }
  if (const auto *Address = dyn_cast<UnaryOperator>(Init);
      Address && Address->getOpcode() == UO_AddrOf)
    Init = Address->getSubExpr();
  else if (Var->getType()->isPointerType() && !isa<BinaryOperator>(Init))
    return std::nullopt;
  return pickedElement(Init, Context);
}

/// The stripe array of a mutex expression: an element picked by data
/// (`locks[h]`), a member of one (`set->b[h].lock`), or a member of one a
/// local holds and never changes (`b->lock` with `b = &set->b[h]` or `b =
/// bucket_for(set, key)`).
std::optional<ObjectPath> stripeArrayOf(const Expr *Mutex, const Stmt &Body,
                                        ASTContext &Context) {
  auto ByData = [](std::optional<PickedElement> Picked) {
    return Picked && Picked->ByData ? std::optional<ObjectPath>(Picked->Array)
                                    : std::nullopt;
  };
  if (auto Array = ByData(pickedElement(Mutex, Context)))
    return Array;
  const auto *Member = dyn_cast<MemberExpr>(Mutex->IgnoreParenImpCasts());
  if (!Member)
    return std::nullopt;
  if (auto Array = ByData(pickedElement(Member->getBase(), Context)))
    return Array;
  const auto *Ref = dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts());
  return Ref ? ByData(elementHeldByLocal(Ref->getDecl(), Body, Context))
             : std::nullopt;
}

/// The operand an access designates: the assigned side, the incremented
/// operand, the object a method is called on.
const Expr *accessedOperand(const Expr &Where) {
  const Expr *E = Where.IgnoreParenImpCasts();
  if (const auto *Binary = dyn_cast<BinaryOperator>(E);
      Binary && Binary->isAssignmentOp())
    return Binary->getLHS();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->getSubExpr();
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->isAssignmentOp() && Operator->getNumArgs() > 0)
    return Operator->getArg(0);
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
    return Call->getImplicitObjectArgument();
  return E;
}

bool subscriptsAnArray(const Expr &Operand) {
  bool Found = false;
  forEachDescendant(&Operand, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&S);
    Found |= isa<ArraySubscriptExpr>(S) ||
             (Operator && Operator->getOperator() == OO_Subscript);
  });
  return Found || isa<ArraySubscriptExpr>(Operand.IgnoreParenImpCasts());
}

} // namespace

GuardKind guardOf(const VarDecl &Var, const CXXConstructExpr *&Construct) {
  Construct = nullptr;
  if (!Var.hasLocalStorage() || Var.getType()->isReferenceType() ||
      Var.getType()->isPointerType())
    return GuardKind::None;
  const CXXRecordDecl *Record =
      Var.getType().getCanonicalType()->getAsCXXRecordDecl();
  GuardKind Kind = guardKindOf(Record);
  Construct = constructionOf(Var);
  if (Kind == GuardKind::None && Construct && !isStdContainer(Record) &&
      !isMutexClass(Record) && takesMutexArgument(*Construct) &&
      !Record->getDeclContext()->isStdNamespace())
    Kind = GuardKind::Custom; // a guard class of the program
  return Kind;
}


LockSet locksGuarding(LockSet Held, const ObjectPath &Accessed,
                      const Expr &Where, const Expr **Unguarded) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Accessed.Root);
  bool PickedByTheBody = Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var);
  if (PickedByTheBody || subscriptsAnArray(*accessedOperand(Where)))
    return Held;
  llvm::erase_if(Held, [&](const HeldLock &Lock) {
    bool Unrelated = Lock.Stripes && !Lock.Stripes->overlaps(Accessed);
    if (Unrelated && Unguarded)
      *Unguarded = Lock.StripeNamedAt;
    return Unrelated;
  });
  return Held;
}

HeldLock LockScopes::lockOn(const Expr *Mutex, const VarDecl *Guard) const {
  HeldLock Lock = mutexNamedBy(Mutex, Guard);
  // A lock in an element a local holds (`&c->lock` with `c =
  // &w->conns[i]`) is named by the array: the worker's own, or shared.
  if (Lock.Mutex && Lock.Mutex->ThroughPointer)
    if (auto Element = elementHeldByLocal(Lock.Mutex->Root, Body.body(),
                                          Body.context()))
      Lock.Mutex = Element->Array.extendedBy(*Lock.Mutex);
  const Expr *E = Mutex->IgnoreParenImpCasts();
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    E = Address->getSubExpr();
  Lock.Stripes = stripeArrayOf(E, Body.body(), Body.context());
  if (Lock.Stripes)
    Lock.StripeNamedAt = E;
  return Lock;
}

bool sharesLock(llvm::ArrayRef<HeldLock> A, llvm::ArrayRef<HeldLock> B) {
  if (A.empty() || B.empty())
    return false;
  for (const HeldLock &First : A)
    for (const HeldLock &Second : B)
      if ((!First.Mutex || !Second.Mutex || *First.Mutex == *Second.Mutex) &&
          !(First.Shared && Second.Shared))
        return true;
  return false;
}

LockScopes::LockScopes(const FunctionAnalysis &Body) : Body(Body) {
  forEachDescendant(&Body.body(), /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (!TakesLocks && isa<CallExpr, DeclStmt>(S))
      TakesLocks = isLockStatement(S, Body.context());
  });
}

void LockScopes::recordGuard(const VarDecl &Var, State &Held) const {
  const CXXConstructExpr *Construct;
  GuardKind Kind = guardOf(Var, Construct);
  if (Kind == GuardKind::None)
    return;
  llvm::SmallVector<HeldLock, 2> Mutexes;
  bool Shared = Construct && guardLocksShared(Construct->getConstructor()->getParent());
  if (Construct)
    for (const Expr *Arg : Construct->arguments())
      if (isMutexType(Arg->getType())) {
        Mutexes.push_back(lockOn(Arg, &Var));
        Mutexes.back().Shared = Shared;
      }
  // A guard given something parlint does not see as a mutex (a custom
  // guard's own lock, `std::unique_lock lk(getMutex())`) holds some lock.
  bool Orderless = Construct && llvm::any_of(Construct->arguments(), [](const Expr *Arg) {
    return isOrderlessLockClass(Arg->getType()->getAsCXXRecordDecl());
  });
  if (Mutexes.empty() && !Orderless &&
      (Kind == GuardKind::Custom || (Construct && Construct->getNumArgs() > 0)))
    Mutexes.push_back(wildcard(&Var));
  GuardMutexes[&Var] = Mutexes;
  if (Construct && Kind != GuardKind::Custom &&
      guardStartOf(*Construct) == GuardStart::Deferred)
    return;
  for (const HeldLock &Lock : Mutexes)
    add(Held, Lock);
}

void LockScopes::transfer(const CFGElement &Element, State &Held) const {
  if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
    const VarDecl *Var = Dtor->getVarDecl();
    llvm::erase_if(Held, [&](const HeldLock &Lock) { return Lock.Guard == Var; });
    return;
  }
  auto Statement = Element.getAs<CFGStmt>();
  if (!Statement)
    return;
  const Stmt *S = Statement->getStmt();
  if (const auto *Decls = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Decls->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        recordGuard(*Var, Held);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    transferCall(*Call, Held);
}

std::optional<ObjectPath>
LockScopes::lockedObjectOf(const CallExpr &Call) const {
  if (lockOpOf(Call) != LockOp::None) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
      // `m->lock()` on a mutex; a guard's lock() holds its own mutex.
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (!Method || !isMutexClass(Method->getParent()))
        return std::nullopt;
      return mutexNamedBy(Member->getImplicitObjectArgument(), nullptr).Mutex;
    }
    if (Call.getNumArgs() != 1)
      return std::nullopt;
    return mutexNamedBy(Call.getArg(0), nullptr).Mutex; // pthread_mutex_*(m)
  }
  if (namedLockOpOf(Call) != LockOp::None)
    return std::nullopt;
  IndirectLock Indirect = indirectLockOf(Call, Body.context());
  if (Indirect.Op == LockOp::None || !Indirect.Object)
    return std::nullopt;
  return mutexNamedBy(Indirect.Object, nullptr).Mutex;
}

const CallExpr *LockScopes::nullGuardedLockCall(const CFGBlock &Block) const {
  const auto *If = dyn_cast_or_null<IfStmt>(Block.getTerminatorStmt());
  const CallExpr *Call = If ? soleCallOfThen(*If) : nullptr;
  if (!Call)
    return nullptr;
  LockOp Op = lockOpOf(*Call);
  if (Op == LockOp::None)
    Op = indirectLockOf(*Call, Body.context()).Op;
  if (Op != LockOp::Lock && Op != LockOp::Unlock)
    return nullptr; // a try-lock's success is another test
  const Expr *Tested = testedForNonNull(If->getCond(), Body.context());
  std::optional<ObjectPath> Locked = lockedObjectOf(*Call);
  if (!Tested || !Locked)
    return nullptr;
  std::optional<ObjectPath> TestedObject = objectPathOf(Tested);
  return TestedObject && *TestedObject == *Locked ? Call : nullptr;
}

std::optional<LockScopes::TryTest>
LockScopes::tryLockTestOf(const CFGBlock &Block) const {
  const auto *If = dyn_cast_or_null<IfStmt>(Block.getTerminatorStmt());
  if (!If || !If->getCond() || If->getConditionVariable() ||
      Block.succ_size() != 2)
    return std::nullopt;
  const Expr *Cond = If->getCond()->IgnoreParenImpCasts();
  bool SuccessIfTrue = true;
  while (const auto *Not = dyn_cast<UnaryOperator>(Cond)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    SuccessIfTrue = !SuccessIfTrue;
    Cond = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  // `pthread_mutex_trylock(&m) == 0`, `!= 0`: zero is success.
  if (const auto *Compare = dyn_cast<BinaryOperator>(Cond);
      Compare && Compare->isEqualityOp()) {
    std::optional<llvm::APSInt> Zero =
        Compare->getRHS()->getIntegerConstantExpr(Body.context());
    if (!Zero || *Zero != 0)
      return std::nullopt;
    if (Compare->getOpcode() == BO_NE)
      SuccessIfTrue = !SuccessIfTrue;
    Cond = Compare->getLHS()->IgnoreParenImpCasts();
  } else if (const auto *Call = dyn_cast<CallExpr>(Cond);
             Call && !isa<CXXMemberCallExpr>(Call) &&
             lockOpOf(*Call) == LockOp::TryLock) {
    SuccessIfTrue = !SuccessIfTrue; // `if (pthread_mutex_trylock(&m))`
  }
  TryTest Test;
  Test.FailureSuccessor = SuccessIfTrue ? 1 : 0;
  // `lock.owns_lock()`, `lock` (its operator bool), `lock.try_lock()`.
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Cond)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    StringRef Name = Method ? identifierOf(Method) : StringRef();
    if (Method && (Name == "owns_lock" || isa<CXXConversionDecl>(Method) ||
                   lockOpOf(*Member) == LockOp::TryLock))
      Object = Member->getImplicitObjectArgument()->IgnoreParenImpCasts();
  }
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Object))
    if (const auto *Guard = dyn_cast<VarDecl>(Ref->getDecl());
        Guard && GuardMutexes.count(Guard)) {
      Test.Guard = Guard;
      return Test;
    }
  // `m.try_lock()`, `pthread_mutex_trylock(&m)`: that mutex, held directly.
  if (const auto *Call = dyn_cast<CallExpr>(Cond);
      Call && lockOpOf(*Call) == LockOp::TryLock)
    if (std::optional<ObjectPath> Mutex = lockedObjectOf(*Call)) {
      Test.Mutex = Mutex;
      return Test;
    }
  return std::nullopt;
}

void LockScopes::transferCall(const CallExpr &CallRef, State &Held) const {
  const CallExpr *Call = &CallRef;
  LockOp Op = lockOpOf(*Call);
  if (Op == LockOp::None) {
    // A function named like a lock (`lockTable()`): some lock. A lock
    // through a function pointer or a macro (`LOCK(x)`): the lock its
    // argument names, the same on the unlock.
    LockOp Named = namedLockOpOf(*Call);
    HeldLock Lock = wildcard();
    if (Named == LockOp::None) {
      IndirectLock Indirect = indirectLockOf(*Call, Body.context());
      Named = Indirect.Op;
      if (Indirect.Object)
        Lock = lockOn(Indirect.Object, nullptr);
    }
    if (Named == LockOp::Lock || Named == LockOp::TryLock)
      add(Held, Lock);
    else if (Named == LockOp::Unlock)
      llvm::erase_if(Held, [&](const HeldLock &Known) {
        return Known.Mutex == Lock.Mutex && !Known.Guard;
      });
    return;
  }
  bool Locks = Op == LockOp::Lock || Op == LockOp::TryLock;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    const auto *Ref = dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
    const auto *Guard = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (auto It = Guard ? GuardMutexes.find(Guard) : GuardMutexes.end();
        It != GuardMutexes.end()) {
      if (Locks)
        for (const HeldLock &Lock : It->second)
          add(Held, Lock);
      else
        llvm::erase_if(Held, [&](const HeldLock &Lock) {
          return Lock.Guard == Guard;
        });
      return;
    }
    const CXXRecordDecl *Record =
        Member->getMethodDecl() ? Member->getMethodDecl()->getParent() : nullptr;
    HeldLock Lock = guardKindOf(Record) != GuardKind::None
                        ? wildcard()
                        : lockOn(Object, nullptr);
    Lock.Shared = Lock.Mutex && locksShared(*Call);
    if (Locks)
      add(Held, Lock);
    else
      llvm::erase_if(Held, [&](const HeldLock &Known) {
        return Known.Mutex == Lock.Mutex && !Known.Guard;
      });
    return;
  }
  // pthread_mutex_lock(&m), std::lock(a, b, ...).
  for (const Expr *Arg : Call->arguments()) {
    HeldLock Lock = lockOn(Arg, nullptr);
    Lock.Shared = Lock.Mutex && locksShared(*Call);
    if (Locks)
      add(Held, Lock);
    else
      llvm::erase_if(Held, [&](const HeldLock &Known) {
        return Known.Mutex == Lock.Mutex && !Known.Guard;
      });
    if (!isNamed(Call->getDirectCallee(), {"::std::lock"}))
      break;
  }
}

void LockScopes::compute() const {
  if (Computed)
    return;
  Computed = true;
  const CFG *Graph = Body.cfg();
  if (!Graph || !TakesLocks)
    return;
  In.assign(Graph->getNumBlockIDs(), std::nullopt);
  const CFGBlock &Entry = Graph->getEntry();
  In[Entry.getBlockID()] = State();
  std::deque<const CFGBlock *> Work = {&Entry};
  llvm::SmallPtrSet<const CFGBlock *, 32> Queued = {&Entry};
  while (!Work.empty()) {
    const CFGBlock *Block = Work.front();
    Work.pop_front();
    Queued.erase(Block);
    State Held = *In[Block->getBlockID()];
    for (const CFGElement &Element : *Block)
      transfer(Element, Held);
    // `if (l) lock(l);`: the path on which l is null takes no lock, because
    // there is none to take (a library built without threads hands out null
    // locks). The lock counts as taken, or released, on that path too.
    const CallExpr *Guarded = nullGuardedLockCall(*Block);
    // `if (!lock.owns_lock())`, `if (pthread_mutex_trylock(&m) != 0)`: on
    // the branch where the try failed, the lock is not held.
    std::optional<TryTest> Tried = tryLockTestOf(*Block);
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Next : Block->succs()) {
      const CFGBlock *Successor = Next.getReachableBlock();
      bool NullPath = Guarded && Index == 1; // the if's false branch
      bool Failed = Tried && Tried->FailureSuccessor == Index;
      ++Index;
      if (!Successor)
        continue;
      State OnEdge = Held;
      if (NullPath)
        transferCall(*Guarded, OnEdge);
      if (Failed)
        llvm::erase_if(OnEdge, [&](const HeldLock &Lock) {
          return Tried->Guard ? Lock.Guard == Tried->Guard
                              : !Lock.Guard && Lock.Mutex == Tried->Mutex;
        });
      std::optional<State> &Target = In[Successor->getBlockID()];
      bool Changed = false;
      if (!Target) {
        Target = OnEdge;
        Changed = true;
      } else {
        size_t Before = Target->size();
        llvm::erase_if(*Target, [&](const HeldLock &Lock) {
          return !llvm::is_contained(OnEdge, Lock);
        });
        Changed = Target->size() != Before;
      }
      if (Changed && Queued.insert(Successor).second)
        Work.push_back(Successor);
    }
  }
}

std::optional<LockScopes::EveryElement>
LockScopes::everyElementLockedBy(const Stmt &Loop) const {
  const Stmt *Inner = nullptr;
  const ValueDecl *Counter = nullptr;
  const Expr *Range = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    Inner = For->getBody();
    if (const Expr *Step = For->getInc())
      forEachDescendant(Step, /*SkipLambdas=*/true, [&](const Stmt &Node) {
        if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node); Ref && !Counter)
          Counter = Ref->getDecl();
      });
  } else if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop)) {
    Inner = RangeFor->getBody();
    Counter = RangeFor->getLoopVariable();
    Range = RangeFor->getRangeInit();
  }
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Inner))
    Inner = Block->size() == 1 ? Block->body_front() : nullptr;
  const auto *Call = dyn_cast_or_null<CallExpr>(Inner);
  if (!Call || !Counter)
    return std::nullopt;
  LockOp Op = lockOpOf(*Call);
  if (Op != LockOp::Lock && Op != LockOp::Unlock)
    return std::nullopt;
  const Expr *Mutex = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Mutex = Member->getImplicitObjectArgument();
  else if (Call->getNumArgs() == 1)
    Mutex = Call->getArg(0);
  if (!Mutex)
    return std::nullopt;
  // `for (auto &m : stripes_) m.lock();`: the range's elements.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Mutex->IgnoreParenImpCasts());
      Range && Ref && Ref->getDecl() == Counter) {
    std::optional<ObjectPath> Array = objectPathOf(Range->IgnoreParenImpCasts());
    if (!Array)
      return std::nullopt;
    return EveryElement{*Array, Op == LockOp::Lock};
  }
  // `for (i = 0; i < N; ++i) pthread_mutex_lock(&locks[i]);`
  auto [Array, Index] = arrayAndIndexOf(Mutex->IgnoreParenImpCasts());
  const auto *IndexRef =
      Index ? dyn_cast<DeclRefExpr>(Index->IgnoreParenImpCasts()) : nullptr;
  std::optional<ObjectPath> Named = mutexNamedBy(Mutex, nullptr).Mutex;
  if (Range || !IndexRef || IndexRef->getDecl() != Counter || !Named)
    return std::nullopt;
  return EveryElement{*Named, Op == LockOp::Lock};
}

void LockScopes::addLocksOfEarlierLoops(const Stmt &S, LockSet &Held) const {
  if (!EveryElementLoops) {
    EveryElementLoops.emplace();
    forEachDescendant(&Body.body(), /*SkipLambdas=*/true, [&](const Stmt &Node) {
      if (isa<ForStmt, CXXForRangeStmt>(Node) && everyElementLockedBy(Node))
        EveryElementLoops->insert(&Node);
    });
  }
  if (EveryElementLoops->empty())
    return; // the common case: no walk at all
  llvm::SmallVector<ObjectPath, 2> Decided;
  for (const Stmt *Child = &S, *Parent = Body.parent(S); Parent && Child != &Body.body();
       Child = Parent, Parent = Body.parent(*Parent)) {
    const auto *Block = dyn_cast<CompoundStmt>(Parent);
    if (!Block)
      continue;
    auto At = llvm::find(Block->body(), Child);
    for (auto Before = std::make_reverse_iterator(At); Before != Block->body_rend();
         ++Before) {
      if (!EveryElementLoops->count(*Before))
        continue;
      std::optional<EveryElement> Loop = everyElementLockedBy(**Before);
      if (!Loop || llvm::is_contained(Decided, Loop->Array))
        continue;
      Decided.push_back(Loop->Array);
      HeldLock All{Loop->Array, nullptr};
      if (Loop->Locks && !llvm::is_contained(Held, All))
        Held.push_back(All);
    }
  }
}

LockSet LockScopes::heldAt(const Stmt &S) const {
  if (!TakesLocks)
    return {};
  LockSet Held = heldOnEveryPathAt(S);
  addLocksOfEarlierLoops(S, Held);
  return Held;
}

LockSet LockScopes::heldOnEveryPathAt(const Stmt &S) const {
  compute();
  const CFGBlock *Block = Body.blockOf(S);
  if (!Block || Block->getBlockID() >= In.size() || !In[Block->getBlockID()])
    return {wildcard()};
  // S, or the expression around it that the CFG lists (a statement that
  // holds S, such as the catch clause listed first in its block, is not it).
  llvm::SmallPtrSet<const Stmt *, 8> Around;
  for (const Stmt *Current = &S; Current; Current = Body.parent(*Current)) {
    Around.insert(Current);
    if (!isa<Expr>(Current))
      break;
  }
  State Held = *In[Block->getBlockID()];
  for (const CFGElement &Element : *Block) {
    if (auto Statement = Element.getAs<CFGStmt>();
        Statement && Around.count(Statement->getStmt()))
      return Held;
    transfer(Element, Held);
  }
  return Held;
}

} // namespace clang::tidy::parlint
