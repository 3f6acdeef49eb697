#include "HandleFlow.h"
#include "ProcessEndingReturns.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "TrackedValues.h"

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

/// Whether E designates the handle Var, or the thread an optional handle
/// holds (`*t`, `t->`, `t.value()`).
bool designates(const Expr *E, const VarDecl &Var) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && (Op->getOperator() == OO_Arrow || Op->getOperator() == OO_Star) &&
      Op->getNumArgs() == 1)
    E = Op->getArg(0)->IgnoreParenImpCasts();
  else if (const auto *Value = dyn_cast<CXXMemberCallExpr>(E);
           Value && identifierOf(Value->getMethodDecl()) == "value")
    E = Value->getImplicitObjectArgument()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  return Ref && Ref->getDecl() == &Var;
}

/// A branch condition that tests the handle itself.
struct HandleTest {
  /// `h.joinable()` / `h.valid()`: the true edge is "running". Otherwise
  /// `if (t)` / `t.has_value()` on an optional thread: the false edge holds
  /// no thread, the true edge may hold a joined one.
  bool Joinable;
  /// The condition is negated: the edges swap.
  bool Negated;
};

std::optional<HandleTest> handleTest(const Expr *Condition,
                                     const VarDecl &Var) {
  if (!Condition)
    return std::nullopt;
  bool Negated = false;
  Condition = Condition->IgnoreParenImpCasts();
  while (const auto *Not = dyn_cast<UnaryOperator>(Condition)) {
    if (Not->getOpcode() != UO_LNot)
      return std::nullopt;
    Negated = !Negated;
    Condition = Not->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Condition);
  if (!Call)
    return std::nullopt;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  StringRef Name = identifierOf(Method);
  const Expr *Object = Call->getImplicitObjectArgument();
  if (Name == "joinable" || Name == "valid")
    return designates(Object, Var) ? std::optional(HandleTest{true, Negated})
                                   : std::nullopt;
  const auto *Ref = dyn_cast<DeclRefExpr>(Object->IgnoreParenImpCasts());
  if ((Name == "has_value" || isa_and_nonnull<CXXConversionDecl>(Method)) &&
      Ref && Ref->getDecl() == &Var &&
      handleTypeOf(Var.getType()) == HandleType::OptionalThread)
    return HandleTest{false, Negated};
  return std::nullopt;
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

/// One path's knowledge: the state of the handle (one of Idle, Running,
/// Finished, Final, or 0 when the variable is not alive) and the tracked
/// values, packed for sorting.
using Fact = uint64_t;
using Facts = llvm::SmallVector<Fact, 4>;

StateSet stateOf(Fact F) { return StateSet(F >> 32); }
TrackedValues::Valuation valuesOf(Fact F) { return uint32_t(F); }
Fact makeFact(StateSet State, TrackedValues::Valuation Values) {
  return (Fact(State) << 32) | Values;
}

/// Whether anything in Events starts a worker: otherwise no value needs
/// tracking.
bool mayStart(const HandleEvents &Events) {
  auto IsStart = [](const auto &Event) {
    return Event.second == HandleEffect::Start;
  };
  return Events.StartsAtDeclaration || !Events.CheckedStarts.empty() ||
         llvm::any_of(Events.AtStmt, IsStart) ||
         llvm::any_of(Events.AtLoop, IsStart);
}

/// Past this many facts at a block, the tracked values are forgotten (the
/// handle states stay exact): the engine stays linear on any input.
constexpr size_t MaxFacts = 32;

/// Marks a valuation whose values were forgotten (Widened): the conditions
/// can no longer rule out a path where the start failed or the flag says the
/// worker was finished, so a running state there is not reported. The
/// valuations use the low 27 bits (nine slots of three).
constexpr TrackedValues::Valuation Forgotten = 1u << 31;

class Flow {
public:
  /// Var null: a handle without a variable (a detached thread, a member,
  /// a dropped pid), alive from the function's entry and never destroyed in
  /// it.
  Flow(const FunctionAnalysis &Function, const CFG &Graph, const VarDecl *Var,
       const HandleEvents &Events, FlowRules Rules,
       const Stmt *Query = nullptr, bool ReportRestart = false)
      : Function(Function), Graph(Graph), Var(Var), Events(Events),
        Rules(Rules), Query(Query), ReportRestart(ReportRestart),
        QueryAround(Query ? aroundOf(Function, *Query) : Around()),
        Scope(Var ? Function.declarationScope(*Var) : nullptr),
        Values(Function, Events.CheckedStarts, mayStart(Events)),
        // Leaving main ends the process: a thread or a child it started
        // does not outlive it as a leak or a zombie.
        EndsProcess(Rules.Lifetime == HandleLifetime::Value &&
                    Function.isMainBody()),
        In(Graph.getNumBlockIDs()), Reached(Graph.getNumBlockIDs()),
        Widened(Graph.getNumBlockIDs()), Queued(Graph.getNumBlockIDs()) {}

  llvm::SmallVector<BadExit, 4> run() {
    const CFGBlock &Entry = Graph.getEntry();
    Reached.set(Entry.getBlockID());
    const unsigned AtEntry = Var ? 0 : Events.RunningAtEntry ? Running : Idle;
    In[Entry.getBlockID()] = {makeFact(AtEntry, Values.unknown())};
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
  const bool ReportRestart;
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
  const TrackedValues Values;
  const bool EndsProcess;
  std::vector<Facts> In;
  llvm::BitVector Reached;
  llvm::BitVector Widened;
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

  static bool anyRunning(const Facts &Current) {
    return llvm::any_of(Current,
                        [](Fact F) { return stateOf(F) & Running; });
  }
  /// Some path runs a worker here that the values did not forget: only such
  /// a path is reported.
  static bool anyKnownRunning(const Facts &Current) {
    return llvm::any_of(Current, [](Fact F) {
      return (stateOf(F) & Running) && !(valuesOf(F) & Forgotten);
    });
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

  /// A start whose result says whether it started: one fact per outcome,
  /// with the result's signs (slot 0 of the tracked values).
  void splitAtStart(const Stmt &Start, StartResult Kind, Facts &Current) {
    auto It = Events.AtStmt.find(&Start);
    bool Starts = It != Events.AtStmt.end() && It->second == HandleEffect::Start;
    StartOutcomeSigns Signs = outcomeSignsOf(Kind);
    Facts Next;
    for (Fact F : Current) {
      StateSet State = stateOf(F);
      TrackedValues::Valuation V = valuesOf(F);
      Next.push_back(makeFact(Starts ? apply(HandleEffect::Start, State) : State,
                              Values.withStartResult(V, Signs.Started)));
      if (Signs.InChild) // fork's child has no child behind the handle
        Next.push_back(makeFact(State & Final ? State : (State ? Idle : 0),
                                Values.withStartResult(V, Signs.InChild)));
      if (Signs.Failed)
        Next.push_back(makeFact(State, Values.withStartResult(V, Signs.Failed)));
    }
    Current = std::move(Next);
  }

  /// The handle's state once its declaration ran: a worker runs when the
  /// initializer started one, which a checked start did only when its
  /// result says so.
  StateSet declaredState(TrackedValues::Valuation V) const {
    if (!Events.StartsAtDeclaration)
      return Idle;
    const auto *Init = dyn_cast_or_null<CallExpr>(stripped(Var->getInit()));
    StartResult Kind = Init ? Values.startAt(*Init) : StartResult::None;
    if (Kind == StartResult::None)
      return Running;
    return Values.startResult(V) & outcomeSignsOf(Kind).Started ? Running
                                                                : Idle;
  }

  static void normalize(Facts &Current) {
    llvm::sort(Current);
    Current.erase(std::unique(Current.begin(), Current.end()), Current.end());
  }

  void process(const CFGBlock &Block) {
    Facts Current = In[Block.getBlockID()];
    bool Throws = false;
    bool Asked = false;
    for (const CFGElement &Element : Block) {
      if (auto Statement = Element.getAs<CFGStmt>()) {
        const Stmt *S = Statement->getStmt();
        if (Query && !Asked && QueryAround.count(S)) {
          for (Fact F : Current)
            AtQuery |= stateOf(F);
          Asked = true;
        }
        // The CFG lists a throw as the block's last statement, with the
        // function exit or the try's handler dispatch as successor.
        if (const auto *Throw = dyn_cast<CXXThrowExpr>(S)) {
          Throws = true;
          if (anyKnownRunning(Current) &&
              Rules.Lifetime != HandleLifetime::OwningPointer && !EndsProcess &&
              throwLeavesScope(Block))
            record(BadExit::Throw, *Throw);
          continue;
        }
        if (Var && declares(*S, *Var)) {
          for (Fact &F : Current)
            F = makeFact(declaredState(valuesOf(F)),
                         Values.transfer(*S, valuesOf(F)));
          continue;
        }
        // A successful exec runs another program: nothing here runs after
        // it (a failed one is followed by _exit or error handling).
        if (const auto *Call = dyn_cast<CallExpr>(S);
            Call && (replacesProcessImage(Call->getDirectCallee()) ||
                     killsOwnProcess(*Call, Function.context())))
          return;
        if (StartResult Kind = Values.startAt(*S); Kind != StartResult::None) {
          noteRestart(*S, Current);
          splitAtStart(*S, Kind, Current);
          continue;
        }
        if (auto It = Events.AtStmt.find(S); It != Events.AtStmt.end()) {
          if (It->second == HandleEffect::Destroy && anyKnownRunning(Current))
            record(BadExit::Delete, *S);
          if (It->second == HandleEffect::Start)
            noteRestart(*S, Current);
          for (Fact &F : Current)
            F = makeFact(apply(It->second, stateOf(F)), valuesOf(F));
        }
        for (Fact &F : Current)
          F = makeFact(stateOf(F), Values.transfer(*S, valuesOf(F)));
        continue;
      }
      if (auto Dtor = Element.getAs<CFGAutomaticObjDtor>();
          Dtor && Dtor->getVarDecl() == Var &&
          Rules.Lifetime == HandleLifetime::Object) {
        if (anyKnownRunning(Current) && Dtor->getTriggerStmt())
          record(isa<CompoundStmt>(Dtor->getTriggerStmt()) ? BadExit::ScopeEnd
                                                           : BadExit::Jump,
                 *Dtor->getTriggerStmt());
        for (Fact &F : Current)
          F = makeFact(0, valuesOf(F));
      }
    }
    // exit(), abort() and the like never run the destructor.
    if (Block.hasNoReturnElement())
      return;
    normalize(Current);

    const Stmt *Terminator = Block.getTerminatorStmt();
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(Terminator);
        Try && Scope && Function.isWithin(*Scope, *Try->getTryBlock()))
      for (Fact &F : Current) // the handlers run after the try block's locals are gone
        F = makeFact(0, valuesOf(F));

    if (auto It = Events.AtLoop.find(Terminator);
        Terminator && It != Events.AtLoop.end())
      for (Fact &F : Current)
        F = makeFact(apply(It->second, stateOf(F)), valuesOf(F));
    // Past a break out of a join loop, the elements after it still run.
    if (Terminator && Events.BreaksLeavingSomeRunning.contains(Terminator))
      for (Fact &F : Current)
        if (stateOf(F) & Finished)
          F = makeFact(stateOf(F) | Running, valuesOf(F));

    std::optional<HandleTest> Test =
        Var ? handleTest(branchCondition(Block), *Var) : std::nullopt;
    bool SomeRunning = anyRunning(Current);
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Next : Block.succs()) {
      unsigned Edge = Index++;
      const CFGBlock *Successor = Next.getReachableBlock();
      if (!Successor)
        continue;
      Facts Out;
      for (Fact F : Current) {
        StateSet State = stateOf(F);
        if (Test && SomeRunning && Edge < 2) {
          bool Yes = (Edge == 0) != Test->Negated;
          if (Test->Joinable && Yes && !(State & Running))
            continue; // an idle or joined thread is not joinable
          if (Test->Joinable && !Yes && (State & Running))
            State = Finished;
          if (!Test->Joinable && !Yes && (State & Running))
            State = Idle; // an empty optional holds no thread
        }
        std::optional<TrackedValues::Valuation> V =
            Values.alongEdge(Block, Edge, *Successor, valuesOf(F));
        if (!V)
          continue; // the condition rules this path out
        Out.push_back(makeFact(State, *V));
      }
      normalize(Out);
      if (Successor == &Graph.getExit() && anyKnownRunning(Out) && !Throws &&
          Rules.Lifetime == HandleLifetime::Value && !EndsProcess)
        recordFunctionEnd(Block);
      merge(*Successor, Out);
    }
  }

  void merge(const CFGBlock &Successor, const Facts &Out) {
    unsigned Id = Successor.getBlockID();
    Facts &Target = In[Id];
    Facts Before = Target;
    Target.append(Out.begin(), Out.end());
    // Once a block had too many facts, its values stay forgotten: its facts
    // then only grow, and the flow ends.
    if (Target.size() > MaxFacts || Widened.test(Id)) {
      Widened.set(Id);
      for (Fact &F : Target)
        F = makeFact(stateOf(F), Values.unknown() | Forgotten);
    }
    normalize(Target);
    if (!Reached.test(Id) || Target != Before) {
      Reached.set(Id);
      enqueue(&Successor);
    }
  }

  /// findLostStarts: a start that runs again while the worker it started
  /// before may still run loses that worker (nothing names it).
  void noteRestart(const Stmt &Start, const Facts &Current) {
    if (ReportRestart && anyKnownRunning(Current))
      record(BadExit::Restart, Start, Start.getBeginLoc());
  }

  /// A value handle reaches the end of the function: at a return, or at the
  /// closing brace of the body.
  void recordFunctionEnd(const CFGBlock &Block) {
    for (auto It = Block.rbegin(); It != Block.rend(); ++It)
      if (auto Statement = It->getAs<CFGStmt>())
        if (const auto *Return = dyn_cast<ReturnStmt>(Statement->getStmt())) {
          // A return each caller answers by ending the process (`if
          // (open_all() != 0) exit(1);`): nothing outlives it.
          if (!returnEndsProcess(*Return, Function))
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

llvm::SmallVector<BadExit, 4> findLostStarts(const FunctionAnalysis &Function,
                                             const HandleEvents &Events) {
  const CFG *Graph = Function.cfg();
  if (!Graph)
    return {};
  return Flow(Function, *Graph, nullptr, Events,
              {HandleLifetime::Value, /*FinishIsFinal=*/false},
              /*Query=*/nullptr, /*ReportRestart=*/true)
      .run();
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
