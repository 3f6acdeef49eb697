#include "LockScopes.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

namespace clang::tidy::parlint {

namespace {

HeldLock wildcard(const VarDecl *Guard = nullptr) { return {std::nullopt, Guard}; }

/// The mutex an argument names: `m`, `&m`, `*p`, `this->m_`.
HeldLock mutexNamedBy(const Expr *Arg, const VarDecl *Guard) {
  const Expr *E = Arg->IgnoreParenImpCasts();
  if (const auto *Address = dyn_cast<UnaryOperator>(E);
      Address && Address->getOpcode() == UO_AddrOf)
    E = Address->getSubExpr();
  return {objectPathOf(E), Guard};
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

/// How a local variable holds locks, if it is a guard.
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

} // namespace

bool sharesLock(llvm::ArrayRef<HeldLock> A, llvm::ArrayRef<HeldLock> B) {
  if (A.empty() || B.empty())
    return false;
  for (const HeldLock &First : A)
    for (const HeldLock &Second : B)
      if (!First.Mutex || !Second.Mutex || *First.Mutex == *Second.Mutex)
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
  if (Construct)
    for (const Expr *Arg : Construct->arguments())
      if (isMutexType(Arg->getType()))
        Mutexes.push_back(mutexNamedBy(Arg, &Var));
  // A guard given something parlint does not see as a mutex (a custom
  // guard's own lock, `std::unique_lock lk(getMutex())`) holds some lock.
  if (Mutexes.empty() && (Kind == GuardKind::Custom ||
                          (Construct && Construct->getNumArgs() > 0)))
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
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return;
  LockOp Op = lockOpOf(*Call);
  if (Op == LockOp::None) {
    // A function named like a lock (`lockTable()`): some lock. A lock
    // through a function pointer or a macro (`LOCK(x)`): the lock its
    // argument names, the same on the unlock.
    LockOp Named = namedLockOpOf(*Call);
    std::optional<ObjectPath> Object;
    if (Named == LockOp::None) {
      IndirectLock Indirect = indirectLockOf(*Call, Body.context());
      Named = Indirect.Op;
      if (Indirect.Object)
        Object = mutexNamedBy(Indirect.Object, nullptr).Mutex;
    }
    if (Named == LockOp::Lock || Named == LockOp::TryLock)
      add(Held, {Object, nullptr});
    else if (Named == LockOp::Unlock)
      llvm::erase_if(Held, [&](const HeldLock &Lock) {
        return Lock.Mutex == Object && !Lock.Guard;
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
                        : mutexNamedBy(Object, nullptr);
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
    HeldLock Lock = mutexNamedBy(Arg, nullptr);
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
    for (const CFGBlock::AdjacentBlock &Next : Block->succs()) {
      const CFGBlock *Successor = Next.getReachableBlock();
      if (!Successor)
        continue;
      std::optional<State> &Target = In[Successor->getBlockID()];
      bool Changed = false;
      if (!Target) {
        Target = Held;
        Changed = true;
      } else {
        size_t Before = Target->size();
        llvm::erase_if(*Target, [&](const HeldLock &Lock) {
          return !llvm::is_contained(Held, Lock);
        });
        Changed = Target->size() != Before;
      }
      if (Changed && Queued.insert(Successor).second)
        Work.push_back(Successor);
    }
  }
}

LockSet LockScopes::heldAt(const Stmt &S) const {
  if (!TakesLocks)
    return {};
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
