#include "LoopBounds.h"
#include "InputOrigin.h"
#include "ObjectWrites.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Measurement.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <functional>

namespace clang::tidy::parlint {
namespace {

/// A binary condition, built-in or overloaded: `a < b`, `a && b`.
struct BinaryParts {
  BinaryOperatorKind Op = BO_Comma; // BO_Comma: not a binary condition
  const Expr *LHS = nullptr;
  const Expr *RHS = nullptr;
};

BinaryParts decompose(const Expr *Cond) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond))
    return {Binary->getOpcode(), Binary->getLHS(), Binary->getRHS()};
  if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Call->getNumArgs() == 2 && Call->isComparisonOp())
      return {BinaryOperator::getOverloadedOpcode(Call->getOperator()),
              Call->getArg(0), Call->getArg(1)};
    return {};
  }
  if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(Cond))
    return {Rewritten->getOperator(), Rewritten->getLHS(), Rewritten->getRHS()};
  return {};
}

// The variable a loop counts with, if Side is `i`, `i++` or `--i`.
const VarDecl *counterVariable(const Expr *Side) {
  Side = stripped(Side);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Side))
    if (Unary->isIncrementDecrementOp())
      Side = stripped(Unary->getSubExpr());
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(Side))
    return dyn_cast<VarDecl>(Ref->getDecl());
  return nullptr;
}

// How the loop changes Var, or null when it does not: `++i`, `i += 2`, `i = ...`.
const Expr *modificationOf(const VarDecl *Var, const Stmt *Where) {
  const Expr *Found = nullptr;
  forEachDescendant(Where, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const Expr *Target = nullptr;
    if (const auto *Unary = dyn_cast<UnaryOperator>(&S)) {
      if (Unary->isIncrementDecrementOp())
        Target = Unary->getSubExpr();
    } else if (const auto *Binary = dyn_cast<BinaryOperator>(&S)) {
      if (Binary->isAssignmentOp())
        Target = Binary->getLHS();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S)) {
      if (Op->isAssignmentOp() || Op->getOperator() == OO_PlusPlus ||
          Op->getOperator() == OO_MinusMinus)
        Target = Op->getArg(0);
    }
    if (!Found && Target && counterVariable(Target) == Var)
      Found = cast<Expr>(&S);
  });
  return Found;
}

int64_t stepOf(const Expr *Modification, ASTContext &Ctx) {
  const auto *Binary = dyn_cast_or_null<BinaryOperator>(Modification);
  if (!Binary || !Binary->isCompoundAssignmentOp())
    return 1;
  Expr::EvalResult Result;
  if (!Binary->getRHS()->EvaluateAsInt(Result, Ctx))
    return 1;
  int64_t Step = Result.Val.getInt().getExtValue();
  return Step == 0 ? 1 : (Step < 0 ? -Step : Step);
}

// The number of times `V = next(V)` runs from Start while V stays within End,
// for counters that grow geometrically (`n *= 2`, `n <<= 1`, `n = n * 3 + 1`),
// or nothing when the step is not of those shapes.
std::optional<int64_t> geometricTrips(const Expr *Modification,
                                      const VarDecl *Var, int64_t Start,
                                      int64_t End, bool Inclusive,
                                      ASTContext &Ctx) {
  auto Constant = [&](const Expr *E) -> std::optional<int64_t> {
    Expr::EvalResult Result;
    if (!E || E->isValueDependent() || !E->EvaluateAsInt(Result, Ctx))
      return std::nullopt;
    return Result.Val.getInt().getExtValue();
  };
  auto IsVar = [&](const Expr *E) { return counterVariable(E) == Var; };
  int64_t Multiply = 1, Add = 0, Shift = 0;
  const auto *Binary = dyn_cast_or_null<BinaryOperator>(Modification);
  if (!Binary)
    return std::nullopt;
  if (Binary->getOpcode() == BO_MulAssign) {
    auto Factor = Constant(Binary->getRHS());
    if (!Factor)
      return std::nullopt;
    Multiply = *Factor;
  } else if (Binary->getOpcode() == BO_ShlAssign) {
    auto Bits = Constant(Binary->getRHS());
    if (!Bits || *Bits < 1 || *Bits > 16)
      return std::nullopt;
    Shift = *Bits;
  } else if (Binary->getOpcode() == BO_Assign) {
    // n = n * a + b, n = a * n + b, n = n * a
    const Expr *RHS = stripped(Binary->getRHS());
    if (const auto *Sum = dyn_cast<BinaryOperator>(RHS);
        Sum && Sum->getOpcode() == BO_Add) {
      auto B = Constant(Sum->getRHS());
      if (!B)
        return std::nullopt;
      Add = *B;
      RHS = stripped(Sum->getLHS());
    }
    const auto *Product = dyn_cast<BinaryOperator>(RHS);
    if (!Product || Product->getOpcode() != BO_Mul)
      return std::nullopt;
    std::optional<int64_t> Factor;
    if (IsVar(Product->getLHS()))
      Factor = Constant(Product->getRHS());
    else if (IsVar(Product->getRHS()))
      Factor = Constant(Product->getLHS());
    if (!Factor)
      return std::nullopt;
    Multiply = *Factor;
  } else {
    return std::nullopt;
  }
  if (Multiply < 2 && Shift == 0)
    return std::nullopt;
  int64_t Trips = 0;
  for (int64_t V = Start; Inclusive ? V <= End : V < End; ++Trips) {
    if (V <= 0 || Trips > 64)
      return std::nullopt;
    V = Shift ? V << Shift : V * Multiply + Add;
  }
  return Trips;
}


// The header parts of a counted loop.
struct LoopParts {
  const Stmt *Loop = nullptr;
  const Stmt *Init = nullptr;
  const Stmt *Inc = nullptr;
  const Stmt *Body = nullptr;
  const Expr *Cond = nullptr;
};

std::optional<LoopParts> partsOf(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return LoopParts{&Loop, For->getInit(), For->getInc(), For->getBody(),
                     For->getCond()};
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return LoopParts{&Loop, nullptr, nullptr, While->getBody(),
                     While->getCond()};
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return LoopParts{&Loop, nullptr, nullptr, Do->getBody(), Do->getCond()};
  return std::nullopt;
}

/// The value of a count when it is a compile-time constant, or a local
/// variable whose value at Use is one (`n = 3;` before the loop).
std::optional<int64_t> constantValue(const Expr *E, ASTContext &Ctx,
                                     unsigned Depth = 0) {
  E = stripped(E);
  if (!E || E->isValueDependent() || E->containsErrors() || Depth > 4)
    return std::nullopt;
  Expr::EvalResult Result;
  if (E->getType()->isIntegralOrEnumerationType() && E->EvaluateAsInt(Result, Ctx))
    return Result.Val.getInt().getExtValue();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
    return std::nullopt;
  if (const Expr *Value = reachingValue(*Var, *Ref))
    return constantValue(Value, Ctx, Depth + 1);
  return std::nullopt;
}

// Where the counter starts: an assignment in the for-init, or the value it
// holds when the loop is reached.
const Expr *startOf(const VarDecl *Var, const LoopParts &Parts) {
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Parts.Init))
    if (Assign->getOpcode() == BO_Assign &&
        counterVariable(Assign->getLHS()) == Var)
      return Assign->getRHS();
  if (const auto *Decls = dyn_cast_or_null<DeclStmt>(Parts.Init))
    for (const Decl *D : Decls->decls())
      if (D == Var)
        return Var->getInit();
  if (!Var->hasLocalStorage())
    return nullptr;
  if (const Expr *Value = reachingValue(*Var, *Parts.Loop))
    return Value;
  return isa<ParmVarDecl>(Var) ? nullptr : Var->getInit();
}

bool isCounter(const Expr *Side, const LoopParts &Parts,
               const ValueDecl *Grown) {
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(stripped(Side)))
    if (Grown && rootVariable(Call->getImplicitObjectArgument()) == Grown)
      return true; // threads.size() < n: the loop's own container
  const VarDecl *Var = counterVariable(Side);
  if (!Var)
    return false;
  if (const auto *Decls = dyn_cast_or_null<DeclStmt>(Parts.Init))
    for (const Decl *D : Decls->decls())
      if (D == Var)
        return true;
  return modificationOf(Var, Parts.Inc) || modificationOf(Var, Parts.Body) ||
         modificationOf(Var, Parts.Cond);
}

LoopVerdict verdictOf(const Origin &O) {
  LoopVerdict Verdict;
  Verdict.Trips = O.Kind;
  if (!O.isInput())
    return Verdict;
  Verdict.Source = O.Source;
  switch (O.Shape) {
  case InputShape::Size:
    Verdict.Kind = LoopKind::ContainerSize;
    break;
  case InputShape::Iterator:
    Verdict.Kind = LoopKind::IteratorRange;
    break;
  case InputShape::Value:
    Verdict.Kind = LoopKind::InputCount;
    break;
  }
  return Verdict;
}

LoopVerdict inputVerdict(LoopKind Kind) {
  LoopVerdict Verdict;
  Verdict.Kind = Kind;
  Verdict.Trips = Provenance::Input;
  return Verdict;
}

Origin larger(Origin A, Origin B) { return B.Kind > A.Kind ? B : A; }

LoopVerdict classifyComparison(const Expr *Counter, const Expr *Limit,
                               const LoopParts &Parts, ASTContext &Ctx) {
  Origin End = originOfCount(Limit, Ctx);
  Origin Start;
  Start.Kind = Provenance::Bounded; // a container's size counts from 0
  if (const VarDecl *Var = counterVariable(Counter))
    Start = originOfCount(startOf(Var, Parts), Ctx);
  // A count down from v.size() grows like a count up to it.
  return verdictOf(larger(End, Start));
}

LoopVerdict classifyCondition(const Expr *Cond, const LoopParts &Parts,
                              const ValueDecl *Grown, ASTContext &Ctx) {
  Cond = stripped(Cond);
  if (!Cond)
    return inputVerdict(LoopKind::Infinite);
  if (Cond->isValueDependent() || Cond->containsErrors())
    return {};
  bool Value = false;
  if (Cond->EvaluateAsBooleanCondition(Value, Ctx)) {
    if (Value)
      return inputVerdict(LoopKind::Infinite);
    LoopVerdict Never;
    Never.Trips = Provenance::Bounded;
    return Never;
  }
  bool ReadsInput = false;
  forEachDescendant(Cond, /*SkipLambdas=*/true,
                    [&](const Stmt &S) { ReadsInput |= isInputRead(S); });
  if (ReadsInput)
    return inputVerdict(LoopKind::InputCondition);

  auto [Op, LHS, RHS] = decompose(Cond);
  if (Op == BO_LAnd || Op == BO_LOr) {
    LoopVerdict A = classifyCondition(LHS, Parts, Grown, Ctx);
    LoopVerdict B = classifyCondition(RHS, Parts, Grown, Ctx);
    // `a && b` runs while both hold: as long as the shorter; `||` the longer.
    bool PickB = Op == BO_LAnd ? B.Trips < A.Trips : B.Trips > A.Trips;
    return PickB ? B : A;
  }
  if (LHS && RHS && BinaryOperator::isComparisonOp(Op)) {
    if (isCounter(LHS, Parts, Grown))
      return classifyComparison(LHS, RHS, Parts, Ctx);
    if (isCounter(RHS, Parts, Grown))
      return classifyComparison(RHS, LHS, Parts, Ctx);
    return verdictOf(larger(originOfCount(LHS, Ctx), originOfCount(RHS, Ctx)));
  }
  // A flag or a query such as `!queue.empty()`.
  return verdictOf(originOfCount(Cond, Ctx));
}

// Whether Body reads input on its own iterations: not inside a nested loop
// or lambda, which have their own trip counts.
bool readsInputEachIteration(const Stmt *Body) {
  if (!Body)
    return false;
  if (isInputRead(*Body))
    return true;
  for (const Stmt *Child : Body->children()) {
    if (!Child || isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, LambdaExpr>(Child))
      continue;
    if (readsInputEachIteration(Child))
      return true;
  }
  return false;
}

bool derivesFromIstream(QualType Type) {
  const CXXRecordDecl *Record =
      Type.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  if (isNamed(Record, {"::std::basic_istream"}))
    return true;
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (derivesFromIstream(Base.getType()))
      return true;
  return false;
}

bool leavesEarlyFrom(const Stmt *S, bool InNestedBreakable) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (isa<ReturnStmt, GotoStmt, CXXThrowExpr>(S))
    return true;
  if (isa<BreakStmt>(S))
    return !InNestedBreakable;
  bool Nested = InNestedBreakable ||
                isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt>(S);
  for (const Stmt *Child : S->children())
    if (leavesEarlyFrom(Child, Nested))
      return true;
  return false;
}

} // namespace

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return Do->getBody();
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop))
    return RangeFor->getBody();
  return nullptr;
}

bool runsEachIteration(const Stmt &Loop, const Stmt *Child) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return Child != For->getInit();
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop))
    return Child == RangeFor->getBody();
  return true;
}

const Stmt *enclosingLoop(const Stmt &S, const FunctionAnalysis &Function) {
  const Stmt *Node = &S;
  for (const Stmt *Parent = Function.parent(S); Parent;
       Node = Parent, Parent = Function.parent(*Parent)) {
    if (isa<LambdaExpr>(Parent))
      return nullptr;
    if (isLoop(Parent) &&
        runsEachIteration(*Parent, Node))
      return Parent;
  }
  return nullptr;
}

bool leavesEarly(const Stmt &Loop) {
  return leavesEarlyFrom(loopBody(Loop), /*InNestedBreakable=*/false);
}

/// Whether Condition tests the result of a join or a wait: the call in it,
/// or a local the call initialized (`int rc = pthread_join(t, NULL);`).
static bool testsWaitResult(const Expr &Condition) {
  auto IsWait = [](const Expr *E) {
    const auto *Call = E ? dyn_cast<CallExpr>(E->IgnoreParenImpCasts()) : nullptr;
    if (!Call)
      return false;
    HandleOp Op = HandleOp::Other;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      Op = memberOp(Member->getMethodDecl());
    else
      Op = freeFunctionOp(Call->getDirectCallee());
    return Op == HandleOp::Join || Op == HandleOp::Wait;
  };
  bool Found = false;
  forEachDescendant(&Condition, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *E = dyn_cast<Expr>(&S); E && IsWait(E))
      Found = true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(&S))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && IsWait(Var->getInit()))
        Found = true;
  });
  return Found;
}

llvm::SmallVector<const BreakStmt *, 2>
breaksOnData(const Stmt &Loop, const FunctionAnalysis &Function) {
  llvm::SmallVector<const BreakStmt *, 2> Found;
  bool HasCondition = isa<CXXForRangeStmt, DoStmt>(Loop) ||
                      (isa<ForStmt>(Loop) && cast<ForStmt>(Loop).getCond());
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    HasCondition = !While->getCond()->isIntegerConstantExpr(Function.context());
  if (!HasCondition)
    return Found;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr, BlockExpr, ForStmt, WhileStmt, DoStmt,
                  CXXForRangeStmt, SwitchStmt>(S))
      return;
    if (const auto *Break = dyn_cast<BreakStmt>(S)) {
      for (const Stmt *Up = Function.parent(*S); Up && Up != &Loop;
           Up = Function.parent(*Up))
        if (const auto *If = dyn_cast<IfStmt>(Up);
            If && If->getCond() && testsWaitResult(*If->getCond()))
          return;
      Found.push_back(Break);
      return;
    }
    for (const Stmt *Child : S->children())
      Visit(Child);
  };
  Visit(loopBody(Loop));
  return Found;
}

bool isInputRead(const Stmt &S) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S))
    return Op->getOperator() == OO_GreaterGreater && Op->getNumArgs() == 2 &&
           derivesFromIstream(Op->getArg(0)->getType());
  const auto *Call = dyn_cast<CallExpr>(&S);
  if (!Call || !Call->getDirectCallee())
    return false;
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (isa<CXXMemberCallExpr>(Call)) {
    if (!Callee->getDeclName().isIdentifier())
      return false;
    StringRef Name = Callee->getName();
    if (Name == "accept")
      return isNamed(cast<CXXMethodDecl>(Callee)->getParent(),
                     {"::boost::asio::basic_socket_acceptor",
                      "::asio::basic_socket_acceptor"});
    return llvm::is_contained(
        {"pop", "pop_front", "pop_back", "try_pop", "wait_pop", "wait_and_pop",
         "dequeue", "try_dequeue", "wait_dequeue", "receive", "try_receive"},
        Name);
  }
  return isNamed(Callee,
                 {"::accept", "::accept4", "::recv", "::recvfrom", "::recvmsg",
                  "::read", "::readv", "::pread", "::fread", "::fgets",
                  "::getline", "::getdelim", "::scanf", "::fscanf", "::poll",
                  "::select", "::epoll_wait", "::msgrcv", "::mq_receive",
                  "::std::getline"});
}


std::optional<ConstantBound> constantLoopBound(const Stmt &Loop,
                                               const ValueDecl *Grown,
                                               ASTContext &Ctx) {
  std::optional<LoopParts> Parts = partsOf(Loop);
  if (!Parts)
    return std::nullopt;
  const Expr *Cond = stripped(Parts->Cond);
  if (!Cond || Cond->isValueDependent() || Cond->containsErrors())
    return std::nullopt;
  auto [Op, LHS, RHS] = decompose(Cond);
  if (!LHS || !RHS || !BinaryOperator::isComparisonOp(Op))
    return std::nullopt;
  const Expr *Counter = LHS, *Limit = RHS;
  if (!isCounter(LHS, *Parts, Grown)) {
    if (!isCounter(RHS, *Parts, Grown))
      return std::nullopt;
    std::swap(Counter, Limit);
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  std::optional<int64_t> End = constantValue(Limit, Ctx);
  if (!End)
    return std::nullopt;
  ConstantBound Result;
  Result.Limit = Limit;
  int64_t Start = 0;
  int64_t Step = 1;
  const Expr *Change = nullptr;
  const VarDecl *Var = counterVariable(Counter);
  if (Var) {
    Result.Start = startOf(Var, *Parts);
    if (!Result.Start)
      return std::nullopt;
    std::optional<int64_t> First = constantValue(Result.Start, Ctx);
    if (!First)
      return std::nullopt;
    Start = *First;
    Change = modificationOf(Var, Parts->Inc ? Parts->Inc : Parts->Body);
    if (!Change)
      Change = modificationOf(Var, Cond);
    if (!Change)
      return std::nullopt;
    Step = stepOf(Change, Ctx);
  }
  bool Inclusive = Op == BO_LE || Op == BO_GE;
  if (Var && Start < *End)
    if (auto Trips = geometricTrips(Change, Var, Start, *End, Inclusive, Ctx)) {
      Result.Trips = *Trips;
      return Result;
    }
  int64_t Span = *End > Start ? *End - Start : Start - *End;
  Result.Trips = (Span + (Inclusive ? 1 : 0) + Step - 1) / Step;
  Result.CountsUpFromZero = Start == 0 && Step == 1 && *End > 0 &&
                            (Op == BO_LT || Op == BO_NE);
  return Result;
}

LoopVerdict classifyLoop(const Stmt &Loop, const ValueDecl *Grown,
                         ASTContext &Ctx) {
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop)) {
    const Expr *Range = RangeFor->getRangeInit();
    LoopVerdict Bounded;
    Bounded.Trips = Provenance::Bounded;
    if (!Range || constantElementCount(Range, Ctx) ||
        isMeasurementRange(Range->getType()))
      return Bounded; // a fixed list, or a benchmark's measurement loop
    Origin O = originOfSize(Range, Ctx);
    LoopVerdict Verdict;
    Verdict.Trips = O.Kind;
    if (O.isInput()) {
      Verdict.Kind = LoopKind::RangeOverContainer;
      Verdict.Source = O.Source;
    }
    return Verdict;
  }
  std::optional<LoopParts> Parts = partsOf(Loop);
  if (!Parts)
    return {};
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    if (const VarDecl *Var = While->getConditionVariable())
      if (Var->getInit() && isInputRead(*stripped(Var->getInit())))
        return inputVerdict(LoopKind::InputCondition);
  LoopVerdict Verdict = classifyCondition(Parts->Cond, *Parts, Grown, Ctx);
  // An endless loop is a server's loop only when nothing leaves it; one with
  // a way out is as long as whatever decides to leave, which is unknown here
  // unless it reads input each time round.
  if (Verdict.Kind == LoopKind::Infinite && leavesEarly(Loop))
    Verdict = {};
  if (Verdict.Kind != LoopKind::Bounded)
    return Verdict;
  // `while (running) { int fd = accept(...); ... }`: a flag-controlled loop
  // that blocks on input each time round runs once per input. A counted loop
  // (i < n) stays bounded by its count.
  bool Counted = false;
  forEachDescendant(Parts->Cond, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S))
      Counted |= Binary->isComparisonOp();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S))
      Counted |= Op->isComparisonOp();
    else
      Counted |= isa<CXXRewrittenBinaryOperator>(&S);
  });
  if (!Counted && readsInputEachIteration(Parts->Body))
    return inputVerdict(LoopKind::InputBody);
  return Verdict;
}

} // namespace clang::tidy::parlint
