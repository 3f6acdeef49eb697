#include "MissingPoolPathAnalysis.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::parlint {

namespace {

// Along one path the pool is either idle (nothing queued yet: destroying it
// loses nothing) or busy (work may be queued and no shutdown ran since).
enum class PathState { Idle, Busy };

bool declares(const Stmt *S, const VarDecl &Var) {
  const auto *Decls = dyn_cast_or_null<DeclStmt>(S);
  return Decls && llvm::is_contained(Decls->decls(), &Var);
}

class PathWalker {
public:
  PathWalker(const VarDecl &Var, PoolHandleKind Kind, const Stmt &Scope,
             const PoolUses &Uses, const BodyParents &Parents)
      : Var(Var), Kind(Kind), Scope(Scope), Uses(Uses), Parents(Parents) {}

  void run(const CFG &Graph) {
    for (const CFGBlock *Block : Graph) {
      for (unsigned Index = 0; Index < Block->size(); ++Index) {
        const auto Element = (*Block)[Index].getAs<CFGStmt>();
        if (Element && declares(Element->getStmt(), Var))
          walk(*Block, Index + 1, PathState::Idle);
      }
    }
    while (!Pending.empty()) {
      const auto [Block, State] = Pending.pop_back_val();
      walk(*Block, 0, State);
    }
  }

  llvm::SmallVector<UnsafeDestruction, 2> result() const { return Found; }

private:
  void walk(const CFGBlock &Block, unsigned Start, PathState State) {
    for (unsigned Index = Start; Index < Block.size(); ++Index) {
      const CFGElement &Element = Block[Index];
      if (const auto Dtor = Element.getAs<CFGAutomaticObjDtor>()) {
        if (Kind == PoolHandleKind::Object && Dtor->getVarDecl() == &Var) {
          if (State == PathState::Busy && Dtor->getTriggerStmt())
            record(destructionKind(*Dtor->getTriggerStmt()),
                   Dtor->getTriggerStmt());
          return;
        }
        continue;
      }
      const auto StmtElement = Element.getAs<CFGStmt>();
      if (!StmtElement)
        continue;
      const Stmt *S = StmtElement->getStmt();
      if (declares(S, Var))
        return; // a new iteration: the previous pool is already gone
      if (Uses.ShutdownCalls.contains(S))
        return; // this path is safe from here on
      if (Uses.Deletes.contains(S)) {
        if (State == PathState::Busy)
          record(UnsafeDestruction::Delete, S);
        return;
      }
      if (Uses.WorkUses.contains(S))
        State = PathState::Busy;
      if (const auto *Throw = dyn_cast<CXXThrowExpr>(S);
          Throw && throwLeavesScope(Block)) {
        if (State == PathState::Busy && Kind == PoolHandleKind::Object)
          record(UnsafeDestruction::Throw, Throw);
        return;
      }
    }
    // exit(), abort() and the like never run the pool's destructor.
    if (Block.hasNoReturnElement())
      return;
    for (const CFGBlock *Next : Block.succs())
      if (Next && Visited.insert({Next, State}).second)
        Pending.push_back({Next, State});
  }

  UnsafeDestruction::KindType destructionKind(const Stmt &Trigger) const {
    return isa<CompoundStmt>(Trigger) ? UnsafeDestruction::ScopeEnd
                                      : UnsafeDestruction::Jump;
  }

  // The CFG leads a throw to the function's exit or to the try-statement
  // that may catch it; a handler within the pool's scope keeps it alive.
  bool throwLeavesScope(const CFGBlock &ThrowBlock) const {
    for (const CFGBlock *Next : ThrowBlock.succs()) {
      if (!Next)
        continue;
      const auto *Try = dyn_cast_or_null<CXXTryStmt>(Next->getTerminatorStmt());
      if (!Try || !Parents.isWithin(*Try, Scope))
        return true;
    }
    return false;
  }

  void record(UnsafeDestruction::KindType DestructionKind, const Stmt *Trigger) {
    for (const UnsafeDestruction &Known : Found)
      if (Known.Trigger == Trigger)
        return;
    Found.push_back({DestructionKind, Trigger});
  }

  const VarDecl &Var;
  PoolHandleKind Kind;
  const Stmt &Scope;
  const PoolUses &Uses;
  const BodyParents &Parents;
  llvm::SmallVector<std::pair<const CFGBlock *, PathState>, 16> Pending;
  llvm::DenseSet<std::pair<const CFGBlock *, PathState>> Visited;
  llvm::SmallVector<UnsafeDestruction, 2> Found;
};

} // namespace

llvm::SmallVector<UnsafeDestruction, 2>
findUnsafeDestructions(const VarDecl &Var, PoolHandleKind Kind,
                       const BodyParents &Parents, const Stmt &Scope,
                       const PoolUses &Uses, ASTContext &Context) {
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.setAllAlwaysAdd();
  const std::unique_ptr<CFG> Graph =
      CFG::buildCFG(nullptr, const_cast<Stmt *>(&Parents.body()), &Context,
                    Options);
  if (!Graph)
    return {};
  PathWalker Walker(Var, Kind, Scope, Uses, Parents);
  Walker.run(*Graph);
  auto Found = Walker.result();
  const SourceManager &Sources = Context.getSourceManager();
  llvm::sort(Found, [&](const UnsafeDestruction &A, const UnsafeDestruction &B) {
    return Sources.isBeforeInTranslationUnit(A.Trigger->getEndLoc(),
                                             B.Trigger->getEndLoc());
  });
  return Found;
}

} // namespace clang::tidy::parlint
