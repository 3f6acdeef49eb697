#include "HandleFlow.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <deque>

namespace clang::tidy::parlint {

namespace {

// The possible states of the handle on a path, as a set. The empty set means
// the variable is not alive there (not declared yet, or destroyed).
using StateSet = unsigned;
constexpr StateSet Idle = 1;     // nothing started yet
constexpr StateSet Running = 2;  // a worker may run behind it
constexpr StateSet Finished = 4; // joined, detached, shut down
constexpr StateSet Final = 8;    // finished for good (FlowRules::FinishIsFinal)

/// `h.joinable()` / `h.valid()` or their negation as a branch condition:
/// whether the true edge means "running".
std::optional<bool> runningTest(const Expr *Condition, const VarDecl &Var) {
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
  StringRef Name = Call ? identifierOf(Call->getMethodDecl()) : "";
  if (Name != "joinable" && Name != "valid")
    return std::nullopt;
  const auto *Object =
      dyn_cast<DeclRefExpr>(Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
  if (!Object || Object->getDecl() != &Var)
    return std::nullopt;
  return Positive;
}

/// Whether E is one of the error-code starts, or a variable holding one.
bool isStartResult(const Expr *E, const HandleEvents &Events) {
  E = stripped(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return llvm::is_contained(Events.ErrorCodeResults, Ref->getDecl());
  return E && llvm::is_contained(Events.ErrorCodeStarts, E);
}

bool isZero(const Expr *E, ASTContext &Context) {
  Expr::EvalResult Value;
  return E && !E->isValueDependent() && E->EvaluateAsInt(Value, Context) &&
         Value.Val.getInt().isZero();
}

/// `rc != 0`, `rc == 0`, `rc`, `!rc` where rc is the result of an error-code
/// start: whether the true edge is the failure (nothing started).
std::optional<bool> failureTest(const Expr *Condition,
                                const HandleEvents &Events,
                                ASTContext &Context) {
  if (!Condition || Events.ErrorCodeStarts.empty())
    return std::nullopt;
  bool FailureOnTrue = true;
  Condition = stripped(Condition);
  while (const auto *Not = dyn_cast<UnaryOperator>(Condition)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    FailureOnTrue = !FailureOnTrue;
    Condition = stripped(Not->getSubExpr());
  }
  if (isStartResult(Condition, Events))
    return FailureOnTrue;
  const auto *Compare = dyn_cast<BinaryOperator>(Condition);
  if (!Compare || !Compare->isEqualityOp())
    return std::nullopt;
  const Expr *Other = nullptr;
  if (isStartResult(Compare->getLHS(), Events))
    Other = Compare->getRHS();
  else if (isStartResult(Compare->getRHS(), Events))
    Other = Compare->getLHS();
  if (!isZero(Other, Context))
    return std::nullopt;
  bool NotEqual = Compare->getOpcode() == BO_NE;
  return NotEqual == FailureOnTrue;
}

/// The fork-result variable E designates: `pid`, or `(pid = fork())`.
const VarDecl *forkResultIn(const Expr *E, const HandleEvents &Events,
                            bool AcceptCall = false);

bool isForkValue(const Expr *E, const HandleEvents &Events, bool AcceptCall) {
  if (forkResultIn(E, Events))
    return true;
  const auto *Call = dyn_cast_or_null<CallExpr>(stripped(E));
  return AcceptCall && Call && returnsChildPid(Call->getDirectCallee());
}

const VarDecl *forkResultIn(const Expr *E, const HandleEvents &Events,
                            bool AcceptCall) {
  E = stripped(E);
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(E);
      Assign && Assign->getOpcode() == BO_Assign)
    E = stripped(Assign->getLHS());
  const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && llvm::is_contained(Events.ForkResults, Var) ? Var : nullptr;
}

std::optional<llvm::APSInt> integerValue(const Expr *E, ASTContext &Context) {
  Expr::EvalResult Value;
  if (!E || E->isValueDependent() || !E->EvaluateAsInt(Value, Context))
    return std::nullopt;
  return Value.Val.getInt();
}

/// Whether `x Op C` holds only for x <= 0.
bool impliesNotPositive(BinaryOperatorKind Op, int64_t C) {
  switch (Op) {
  case BO_EQ:
  case BO_LE:
    return C <= 0;
  case BO_LT:
    return C <= 1;
  default:
    return false;
  }
}

BinaryOperatorKind negated(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_EQ: return BO_NE;
  case BO_NE: return BO_EQ;
  case BO_LT: return BO_GE;
  case BO_GE: return BO_LT;
  case BO_GT: return BO_LE;
  case BO_LE: return BO_GT;
  default: return Op;
  }
}

/// A test of a fork result (`pid == 0`, `pid < 0`, `pid > 0`, `!pid`,
/// `(pid = fork()) == -1`): whether the true edge (true) or the false edge
/// (false) is a branch where this process is not the parent of a child.
std::optional<bool> notParentTest(const Expr *Condition,
                                  const HandleEvents &Events,
                                  ASTContext &Context,
                                  bool AcceptCall = false) {
  if (!Condition || (Events.ForkResults.empty() && !AcceptCall))
    return std::nullopt;
  bool Flip = false;
  Condition = stripped(Condition);
  while (const auto *Not = dyn_cast<UnaryOperator>(Condition)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Flip = !Flip;
    Condition = stripped(Not->getSubExpr());
  }
  BinaryOperatorKind Op;
  int64_t Constant = 0;
  if (isForkValue(Condition, Events, AcceptCall)) {
    Op = BO_NE; // `if (pid)`: the false edge is the child
  } else {
    const auto *Compare = dyn_cast<BinaryOperator>(Condition);
    if (!Compare || !Compare->isComparisonOp())
      return std::nullopt;
    Op = Compare->getOpcode();
    const Expr *Other = nullptr;
    if (isForkValue(Compare->getLHS(), Events, AcceptCall)) {
      Other = Compare->getRHS();
    } else if (isForkValue(Compare->getRHS(), Events, AcceptCall)) {
      Other = Compare->getLHS();
      Op = BinaryOperator::reverseComparisonOp(Op);
    }
    std::optional<llvm::APSInt> Value = integerValue(Other, Context);
    if (!Value || Value->getSignificantBits() > 64)
      return std::nullopt;
    Constant = Value->getExtValue();
  }
  if (Flip)
    Op = negated(Op);
  if (impliesNotPositive(Op, Constant))
    return true;
  if (impliesNotPositive(negated(Op), Constant))
    return false;
  return std::nullopt;
}

/// `switch (pid)`: whether the successor block is a `case C:` with C <= 0.
bool isNotParentCase(const Stmt *Terminator, const CFGBlock &Successor,
                     const HandleEvents &Events, ASTContext &Context) {
  const auto *Switch = dyn_cast_or_null<SwitchStmt>(Terminator);
  if (!Switch || !forkResultIn(Switch->getCond(), Events))
    return false;
  const auto *Case = dyn_cast_or_null<CaseStmt>(Successor.getLabel());
  if (!Case || Case->caseStmtIsGNURange())
    return false;
  std::optional<llvm::APSInt> Value = integerValue(Case->getLHS(), Context);
  return Value && Value->getSignificantBits() <= 64 && Value->getExtValue() <= 0;
}

SourceLocation exitLocation(const Stmt &Trigger) {
  if (const auto *Block = dyn_cast<CompoundStmt>(&Trigger))
    return Block->getRBracLoc();
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CXXThrowExpr,
          CXXDeleteExpr>(&Trigger))
    return Trigger.getBeginLoc();
  return Trigger.getEndLoc();
}

bool declares(const Stmt &S, const VarDecl &Var) {
  const auto *Decls = dyn_cast<DeclStmt>(&S);
  return Decls && llvm::is_contained(Decls->decls(), &Var);
}

class Flow {
public:
  /// Var null: a handle without a variable (a detached thread, a member),
  /// alive from the function's entry and never destroyed in it.
  Flow(const FunctionAnalysis &Function, const CFG &Graph, const VarDecl *Var,
       const HandleEvents &Events, FlowRules Rules,
       const Stmt *Query = nullptr)
      : Function(Function), Graph(Graph), Var(Var), Events(Events),
        Rules(Rules), Query(Query),
        QueryAround(Query ? aroundOf(Function, *Query) : Around()),
        Scope(Var ? Function.declarationScope(*Var) : nullptr),
        In(Graph.getNumBlockIDs(), 0), Reached(Graph.getNumBlockIDs()),
        Queued(Graph.getNumBlockIDs()) {}

  llvm::SmallVector<BadExit, 4> run() {
    const CFGBlock &Entry = Graph.getEntry();
    Reached.set(Entry.getBlockID());
    if (!Var)
      In[Entry.getBlockID()] = Events.RunningAtEntry ? Running : Idle;
    enqueue(&Entry);
    while (!Work.empty()) {
      const CFGBlock *Block = Work.front();
      Work.pop_front();
      Queued.reset(Block->getBlockID());
      process(*Block);
    }
    const SourceManager &SM = Function.context().getSourceManager();
    llvm::sort(Exits, [&](const BadExit &A, const BadExit &B) {
      return SM.isBeforeInTranslationUnit(A.Where, B.Where);
    });
    return Exits;
  }

  /// The states the handle may be in just before Query is evaluated.
  StateSet statesAtQuery() {
    run();
    return AtQuery;
  }

private:
  const FunctionAnalysis &Function;
  const CFG &Graph;
  const VarDecl *Var;
  const HandleEvents &Events;
  const FlowRules Rules;
  const Stmt *Query;
  /// Query and the statements around it: the CFG lists every expression,
  /// and a statement that is not an element is asked at the first element
  /// around it.
  using Around = llvm::SmallPtrSet<const Stmt *, 8>;
  const Around QueryAround;
  StateSet AtQuery = 0;

  static Around aroundOf(const FunctionAnalysis &Function, const Stmt &S) {
    Around Result;
    for (const Stmt *Current = &S; Current; Current = Function.parent(*Current))
      Result.insert(Current);
    return Result;
  }
  const Stmt *Scope;
  std::vector<StateSet> In;
  llvm::BitVector Reached;
  llvm::BitVector Queued;
  std::deque<const CFGBlock *> Work;
  llvm::SmallVector<BadExit, 4> Exits;

  void enqueue(const CFGBlock *Block) {
    if (Queued.test(Block->getBlockID()))
      return;
    Queued.set(Block->getBlockID());
    Work.push_back(Block);
  }

  void record(BadExit::KindType Kind, const Stmt &Trigger,
              SourceLocation Where = {}) {
    for (const BadExit &Known : Exits)
      if (Known.Trigger == &Trigger)
        return;
    Exits.push_back({Kind, &Trigger, Where.isValid() ? Where : exitLocation(Trigger)});
  }

  StateSet apply(HandleEffect Effect, StateSet State) const {
    if (State == 0)
      return 0;
    StateSet Kept = State & Final;
    StateSet Live = State & ~Final;
    switch (Effect) {
    case HandleEffect::Start:
      return Kept | (Live ? Running : 0);
    case HandleEffect::Finish:
      return Kept | (Live ? (Rules.FinishIsFinal ? Final : Finished) : 0);
    case HandleEffect::Destroy:
      return 0;
    }
    return State;
  }

  void process(const CFGBlock &Block) {
    StateSet State = In[Block.getBlockID()];
    bool Throws = false;
    bool Asked = false;
    for (const CFGElement &Element : Block) {
      if (auto Statement = Element.getAs<CFGStmt>()) {
        const Stmt *S = Statement->getStmt();
        if (Query && !Asked && QueryAround.count(S)) {
          AtQuery |= State;
          Asked = true;
        }
        // The CFG lists a throw as the block's last statement, with the
        // function exit or the try's handler dispatch as successor.
        if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
          Throws = true;
          if ((State & Running) && Rules.Lifetime != HandleLifetime::OwningPointer &&
              throwLeavesScope(Block))
            record(BadExit::Throw, *Throw);
          continue;
        }
        if (Var && declares(*S, *Var)) {
          State = Events.StartsAtDeclaration ? Running : Idle;
          continue;
        }
        if (auto It = Events.AtStmt.find(S); It != Events.AtStmt.end()) {
          if (It->second == HandleEffect::Destroy && (State & Running))
            record(BadExit::Delete, *S);
          State = apply(It->second, State);
        }
        continue;
      }
      if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>();
          Dtor && Dtor->getVarDecl() == Var &&
          Rules.Lifetime == HandleLifetime::Object) {
        if ((State & Running) && Dtor->getTriggerStmt())
          record(isa<CompoundStmt>(Dtor->getTriggerStmt()) ? BadExit::ScopeEnd
                                                           : BadExit::Jump,
                 *Dtor->getTriggerStmt());
        State = 0;
      }
    }
    // exit(), abort() and the like never run the destructor.
    if (Block.hasNoReturnElement())
      return;

    const Stmt *Terminator = Block.getTerminatorStmt();
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Terminator);
        Try && Scope && Function.isWithin(*Scope, *Try->getTryBlock()))
      State = 0; // the handlers run after the try block's locals are gone

    if (auto It = Events.AtLoop.find(Terminator);
        Terminator && It != Events.AtLoop.end())
      State = apply(It->second, State);

    const auto *Condition =
        Terminator ? dyn_cast_or_null<Expr>(Block.getTerminatorCondition())
                   : nullptr;
    std::optional<bool> Test =
        Var ? runningTest(Condition, *Var) : std::nullopt;
    std::optional<bool> Failure =
        failureTest(Condition, Events, Function.context());
    std::optional<bool> NotParent =
        isa_and_nonnull<SwitchStmt>(Terminator)
            ? std::nullopt
            : notParentTest(Condition, Events, Function.context());
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
      if (Failure && (State & Running) && Edge < 2 &&
          (Edge == 0) == *Failure)
        Out = (State & ~Running) | Idle; // the start failed: nothing runs
      if ((State & Running) &&
          ((NotParent && Edge < 2 && (Edge == 0) == *NotParent) ||
           isNotParentCase(Terminator, *Successor, Events,
                           Function.context())))
        Out = (State & ~Running) | Idle; // the child, or a failed fork
      if (Successor == &Graph.getExit() && (Out & Running) && !Throws &&
          Rules.Lifetime == HandleLifetime::Value)
        recordFunctionEnd(Block);
      unsigned Id = Successor->getBlockID();
      StateSet Merged = In[Id] | Out;
      if (!Reached.test(Id) || Merged != In[Id]) {
        Reached.set(Id);
        In[Id] = Merged;
        enqueue(Successor);
      }
    }
  }

  /// A value handle reaches the end of the function: at a return, or at the
  /// closing brace of the body.
  void recordFunctionEnd(const CFGBlock &Block) {
    for (auto It = Block.rbegin(); It != Block.rend(); ++It)
      if (auto Statement = It->getAs<CFGStmt>())
        if (const auto *Return = dyn_cast<ReturnStmt>(Statement->getStmt())) {
          record(BadExit::Jump, *Return);
          return;
        }
    if (const auto *Body = dyn_cast<CompoundStmt>(&Function.body()))
      record(BadExit::FunctionEnd, *Body);
  }

  /// A throw unwinds the handle when it leaves the function, or lands in a
  /// handler outside the handle's scope.
  bool throwLeavesScope(const CFGBlock &ThrowBlock) const {
    for (const CFGBlock::AdjacentBlock &Next : ThrowBlock.succs()) {
      const CFGBlock *Successor = Next.getReachableBlock();
      if (!Successor)
        continue;
      const auto *Try =
          dyn_cast_or_null<CXXTryStmt>(Successor->getTerminatorStmt());
      if (!Try || !Scope || !Function.isWithin(*Try, *Scope))
        return true;
    }
    return false;
  }
};

} // namespace

std::optional<bool> forkCallTest(const Expr &Condition, ASTContext &Context) {
  return notParentTest(&Condition, HandleEvents{}, Context, /*AcceptCall=*/true);
}

llvm::SmallVector<BadExit, 4> distinctExits(llvm::ArrayRef<BadExit> Exits,
                                            unsigned Max) {
  llvm::SmallVector<BadExit, 4> Kept;
  auto KindOf = [](const BadExit &Exit) {
    return std::make_pair(Exit.Kind, Exit.Trigger->getStmtClass());
  };
  for (const BadExit &Exit : Exits) {
    if (Kept.size() == Max)
      break;
    if (llvm::none_of(Kept, [&](const BadExit &Known) {
          return KindOf(Known) == KindOf(Exit);
        }))
      Kept.push_back(Exit);
  }
  return Kept;
}

llvm::SmallVector<BadExit, 4> findBadExits(const FunctionAnalysis &Function,
                                           const VarDecl &Var,
                                           const HandleEvents &Events,
                                           FlowRules Rules) {
  const CFG *Graph = Function.cfg();
  if (!Graph)
    return {};
  return Flow(Function, *Graph, &Var, Events, Rules).run();
}

llvm::SmallVector<BadExit, 4> findMemberExits(const FunctionAnalysis &Function,
                                              const HandleEvents &Events) {
  const CFG *Graph = Function.cfg();
  if (!Graph)
    return {};
  HandleEvents Finishes = Events;
  Finishes.RunningAtEntry = true;
  Finishes.StartsAtDeclaration = false;
  return Flow(Function, *Graph, nullptr, Finishes,
              {HandleLifetime::Value, /*FinishIsFinal=*/false})
      .run();
}

bool mayBeRunningAt(const FunctionAnalysis &Function, const VarDecl *Var,
                    const HandleEvents &Events, const Stmt &At,
                    FlowRules Rules) {
  const CFG *Graph = Function.cfg();
  if (!Graph)
    return false;
  return Flow(Function, *Graph, Var, Events, Rules, &At).statesAtQuery() &
         Running;
}

} // namespace clang::tidy::parlint
