#include "Publication.h"
#include "../common/AstHelpers.h"
#include "../model/Synchronization.h"
#include "SummaryWrites.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::parlint {

bool PublicationPaths::publishes(const Stmt &Element) const {
  ASTContext &Context = Code.context();
  bool Found = false;
  forEachDescendant(&Element, /*SkipLambdas=*/true, [&](const Stmt &Node) {
    if (Found)
      return;
    if (const auto *Call = dyn_cast<CallExpr>(&Node))
      Found = SummaryWrites::mayPublish(*Call, Context);
    else if (const auto *Atomic = dyn_cast<AtomicExpr>(&Node))
      Found = SummaryWrites::takesPartInHandOff(*Atomic) && !isAtomicLoad(*Atomic);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(&Node))
      Found = guardKindOf(Construct->getConstructor()
                              ? Construct->getConstructor()->getParent()
                              : nullptr) != GuardKind::None;
  });
  return Found;
}

bool PublicationPaths::blockPublishes(
    const CFGBlock &Block, llvm::function_ref<bool(const Stmt &)> Counts) const {
  if (Counts) {
    for (const CFGElement &Element : Block)
      if (auto Statement = Element.getAs<CFGStmt>();
          Statement && publishes(*Statement->getStmt()) &&
          Counts(*Statement->getStmt()))
        return true;
    return false;
  }
  auto [It, New] = PublishingBlocks.try_emplace(&Block, false);
  if (New)
    for (const CFGElement &Element : Block)
      if (auto Statement = Element.getAs<CFGStmt>();
          Statement && publishes(*Statement->getStmt())) {
        It->second = true;
        break;
      }
  return It->second;
}

bool PublicationPaths::mayPublishAfter(const Stmt &S) const {
  return mayPublishAfter(S, nullptr);
}

bool PublicationPaths::mayPublishAfter(
    const Stmt &S, llvm::function_ref<bool(const Stmt &)> Counts) const {
  if (destroysObjectAfter(S))
    return true;
  return anyAfter(
      S, [&](const Stmt &E) { return publishes(E) && (!Counts || Counts(E)); },
      [&](const CFGBlock &Block) { return blockPublishes(Block, Counts); });
}

bool PublicationPaths::anyAfter(
    const Stmt &S, llvm::function_ref<bool(const Stmt &)> Visit,
    llvm::function_ref<bool(const CFGBlock &)> VisitBlock) const {
  const CFG *Graph = Code.cfg();
  const CFGBlock *Start = Code.blockOf(S);
  if (!Graph || !Start || Code.enclosingLambda(S))
    return true;
  // The rest of S's own block, from the element that holds S.
  bool Seen = false;
  for (const CFGElement &Element : *Start) {
    auto Statement = Element.getAs<CFGStmt>();
    if (!Statement)
      continue;
    const Stmt *E = Statement->getStmt();
    if (!Seen) {
      Seen = E == &S || Code.isWithin(S, *E);
      // An element around S (`report(x = v)`) may publish after it.
      if (Seen && E != &S && Visit(*E))
        return true;
      continue;
    }
    if (Visit(*E))
      return true;
  }
  llvm::SmallPtrSet<const CFGBlock *, 16> Visited;
  llvm::SmallVector<const CFGBlock *, 16> Work(Start->succ_begin(),
                                               Start->succ_end());
  while (!Work.empty()) {
    const CFGBlock *Block = Work.pop_back_val();
    if (!Block || !Visited.insert(Block).second)
      continue;
    if (VisitBlock) {
      if (VisitBlock(*Block))
        return true;
    } else {
      for (const CFGElement &Element : *Block)
        if (auto Statement = Element.getAs<CFGStmt>();
            Statement && Visit(*Statement->getStmt()))
          return true;
    }
    Work.append(Block->succ_begin(), Block->succ_end());
  }
  return false;
}

std::optional<LockKeys> PublicationPaths::locksReleasedAfter(const Stmt &S) const {
  SummaryWrites::Locking Released;
  auto Element = [&](const Stmt &E) {
    Released.merge(SummaryWrites::lockingWithin(E, Code.context()));
    return Released.BeyondLocks;
  };
  // Whole blocks are asked once (many accesses share them).
  auto Block = [&](const CFGBlock &B) {
    auto [It, New] = ReleasingBlocks.try_emplace(&B);
    if (New)
      for (const CFGElement &E : B)
        if (auto Statement = E.getAs<CFGStmt>()) {
          It->second.merge(
              SummaryWrites::lockingWithin(*Statement->getStmt(), Code.context()));
          if (It->second.BeyondLocks)
            break;
        }
    Released.merge(It->second);
    return Released.BeyondLocks;
  };
  // A guard around S releases the mutexes it holds when its block ends.
  auto Destroyed = [&](const VarDecl &Var) {
    if (std::optional<LockKeys> Guarded = lockKeysOfGuard(Var)) {
      Released.Locks.merge(*Guarded);
      return false;
    }
    return true;
  };
  if (anyDestroyedAfter(S, Destroyed) || anyAfter(S, Element, Block))
    return std::nullopt;
  return Released.Locks;
}

/// Whether a local declared before S in a block around it has a destructor
/// that may publish, which runs after S when the block ends (a guard that
/// unlocks, a class of the program's own whose destructor stores a flag or
/// notifies; the standard library's containers publish nothing).
bool PublicationPaths::destroysObjectAfter(const Stmt &S) const {
  return anyDestroyedAfter(S, [](const VarDecl &) { return true; });
}

bool PublicationPaths::anyDestroyedAfter(
    const Stmt &S, llvm::function_ref<bool(const VarDecl &)> Visit) const {
  const SourceManager &SM = Code.context().getSourceManager();
  const Stmt *Child = &S;
  for (const Stmt *Up = Code.parent(S); Up; Child = Up, Up = Code.parent(*Up)) {
    const auto *Block = dyn_cast<CompoundStmt>(Up);
    if (!Block)
      continue;
    for (const Stmt *Item : Block->body()) {
      if (Item == Child)
        break;
      const auto *Declaration = dyn_cast<DeclStmt>(Item);
      if (!Declaration)
        continue;
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D)) {
          const CXXRecordDecl *Record = Var->getType()->getAsCXXRecordDecl();
          const CXXDestructorDecl *Destructor =
              Record && Record->hasDefinition() ? Record->getDestructor() : nullptr;
          if ((guardKindOf(Record) != GuardKind::None ||
               (Destructor && Destructor->isUserProvided() &&
                !SM.isInSystemHeader(SM.getExpansionLoc(Destructor->getLocation())))) &&
              Visit(*Var))
            return true;
        }
    }
  }
  return false;
}

} // namespace clang::tidy::parlint
