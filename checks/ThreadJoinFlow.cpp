#include "ThreadJoinFlow.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include <deque>

namespace clang::tidy::parlint {

namespace {

// The possible states of the handle on a path, as a set. The empty set means
// the variable is not alive there (not declared yet, or destroyed).
using StateSet = unsigned;
constexpr StateSet Idle = 1;     // default-constructed, nothing started
constexpr StateSet Running = 2;  // owns a thread that was not joined
constexpr StateSet Finished = 4; // joined or detached

/// `t.joinable()` or `!t.joinable()` as a branch condition: returns whether
/// the true edge means "joinable".
std::optional<bool> joinableTest(const Expr *Condition, const VarDecl *Var) {
  if (!Condition)
    return std::nullopt;
  bool Positive = true;
  Condition = Condition->IgnoreParenImpCasts();
  while (const auto *Not = dyn_cast<UnaryOperator>(Condition)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Positive = !Positive;
    Condition = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Condition);
  if (!Call || !Call->getMethodDecl() ||
      !Call->getMethodDecl()->getIdentifier() ||
      Call->getMethodDecl()->getName() != "joinable")
    return std::nullopt;
  const auto *Object =
      dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  if (!Object || Object->getDecl() != Var)
    return std::nullopt;
  return Positive;
}

SourceLocation exitLocation(const Stmt *Trigger) {
  if (const auto *Block = dyn_cast<CompoundStmt>(Trigger))
    return Block->getRBracLoc();
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr>(Trigger))
    return Trigger->getBeginLoc();
  return Trigger->getEndLoc();
}

bool declaredInside(const VarDecl *Var, const CXXTryStmt *Try,
                    const SourceManager &Sources) {
  SourceRange Range = Try->getTryBlock()->getSourceRange();
  SourceLocation Loc = Var->getLocation();
  return Range.isValid() && Loc.isValid() &&
         !Sources.isBeforeInTranslationUnit(Loc, Range.getBegin()) &&
         Sources.isBeforeInTranslationUnit(Loc, Range.getEnd());
}

class JoinFlow {
public:
  JoinFlow(const CFG &Graph, const VarDecl *Var, const HandleUses &Uses,
           const SourceManager &Sources)
      : Graph(Graph), Var(Var), Uses(Uses), Sources(Sources),
        In(Graph.getNumBlockIDs(), 0), Reached(Graph.getNumBlockIDs()),
        Queued(Graph.getNumBlockIDs()) {}

  llvm::SmallVector<SourceLocation, 4> run() {
    const CFGBlock &Entry = Graph.getEntry();
    Reached.set(Entry.getBlockID());
    enqueue(&Entry);
    while (!Work.empty()) {
      const CFGBlock *Block = Work.front();
      Work.pop_front();
      Queued.reset(Block->getBlockID());
      process(*Block);
    }
    llvm::sort(Exits, [&](SourceLocation A, SourceLocation B) {
      return Sources.isBeforeInTranslationUnit(A, B);
    });
    Exits.erase(std::unique(Exits.begin(), Exits.end()), Exits.end());
    return Exits;
  }

private:
  const CFG &Graph;
  const VarDecl *Var;
  const HandleUses &Uses;
  const SourceManager &Sources;
  std::vector<StateSet> In;
  llvm::BitVector Reached;
  llvm::BitVector Queued;
  std::deque<const CFGBlock *> Work;
  llvm::SmallVector<SourceLocation, 4> Exits;

  void enqueue(const CFGBlock *Block) {
    if (Queued.test(Block->getBlockID()))
      return;
    Queued.set(Block->getBlockID());
    Work.push_back(Block);
  }

  StateSet apply(HandleEffect Effect, StateSet State) const {
    if (State == 0)
      return State;
    return Effect == HandleEffect::Launch ? Running : Finished;
  }

  void process(const CFGBlock &Block) {
    StateSet State = In[Block.getBlockID()];
    for (const CFGElement &Element : Block) {
      if (auto Statement = Element.getAs<CFGStmt>()) {
        const Stmt *S = Statement->getStmt();
        // The CFG lists a throw as the block's last statement, with the
        // function exit or the try's handler dispatch as successor.
        if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
          if ((State & Running) && throwLeavesScope(Block))
            Exits.push_back(exitLocation(Throw));
          continue;
        }
        if (const auto *Decl = dyn_cast<DeclStmt>(S);
            Decl && Decl->isSingleDecl() && Decl->getSingleDecl() == Var) {
          State = Uses.Initial == HandleEffect::Launch ? Running : Idle;
          continue;
        }
        if (auto It = Uses.StmtEffects.find(S); It != Uses.StmtEffects.end())
          State = apply(It->second, State);
        continue;
      }
      if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>();
          Dtor && Dtor->getVarDecl() == Var) {
        if (State & Running)
          Exits.push_back(exitLocation(Dtor->getTriggerStmt()));
        State = 0;
      }
    }

    const Stmt *Terminator = Block.getTerminatorStmt();
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Terminator);
        Try && declaredInside(Var, Try, Sources))
      State = 0; // the handlers run after the try block's locals are gone

    if (auto It = Uses.LoopEffects.find(Terminator);
        Terminator && It != Uses.LoopEffects.end())
      State = apply(It->second, State);

    std::optional<bool> Test =
        Terminator ? joinableTest(dyn_cast_or_null<Expr>(Block.getTerminatorCondition()), Var)
                   : std::nullopt;
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Next : Block.succs()) {
      unsigned Edge = Index++;
      const CFGBlock *Successor = Next.getReachableBlock();
      if (!Successor)
        continue;
      StateSet Out = State;
      if (Test && (State & Running) && Edge < 2) {
        bool Joinable = (Edge == 0) == *Test;
        Out = Joinable ? Running : ((State & ~Running) | Finished);
      }
      unsigned Id = Successor->getBlockID();
      StateSet Merged = In[Id] | Out;
      if (!Reached.test(Id) || Merged != In[Id]) {
        Reached.set(Id);
        In[Id] = Merged;
        enqueue(Successor);
      }
    }
  }

  /// A throw unwinds the handle when it leaves the function, or lands in a
  /// handler of a try block the handle was declared in.
  bool throwLeavesScope(const CFGBlock &Block) const {
    for (const CFGBlock::AdjacentBlock &Next : Block.succs()) {
      const CFGBlock *Successor = Next.getReachableBlock();
      if (!Successor)
        continue;
      if (Successor == &Graph.getExit())
        return true;
      if (const auto *Try =
              dyn_cast_or_null<CXXTryStmt>(Successor->getTerminatorStmt());
          Try && declaredInside(Var, Try, Sources))
        return true;
    }
    return false;
  }
};

} // namespace

llvm::SmallVector<SourceLocation, 4>
findJoinableExits(const CFG &Graph, const VarDecl *Var, const HandleUses &Uses,
                  const SourceManager &Sources) {
  return JoinFlow(Graph, Var, Uses, Sources).run();
}

} // namespace clang::tidy::parlint
