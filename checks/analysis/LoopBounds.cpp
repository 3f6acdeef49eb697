#include "LoopBounds.h"
#include "../common/AstHelpers.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include <algorithm>

namespace clang::tidy::parlint {
namespace {

// What a loop bound is derived from. Ordered: std::max of two growths is the
// faster-growing one.
enum class Growth { Plain, Constant, Iterator, Container };

struct Bound {
  Growth Kind = Growth::Plain;
  int64_t Value = 0; // for Constant
};

constexpr unsigned MaxInitializerDepth = 4;

Bound plain() { return {}; }
Bound grows(Growth Kind) { return {Kind, 0}; }

Bound maxOf(Bound A, Bound B) {
  if (A.Kind != B.Kind)
    return A.Kind > B.Kind ? A : B;
  return A.Value >= B.Value ? A : B;
}

Bound minOf(Bound A, Bound B) {
  if (A.Kind != B.Kind)
    return A.Kind < B.Kind ? A : B;
  return A.Value <= B.Value ? A : B;
}

const Expr *strip(const Expr *E) { return stripped(E); }

bool isSizeQuery(StringRef Name) {
  return Name == "size" || Name == "length" || Name == "ssize" ||
         Name == "empty";
}

bool isIteratorQuery(StringRef Name) {
  return Name == "begin" || Name == "end" || Name == "cbegin" ||
         Name == "cend" || Name == "rbegin" || Name == "rend" ||
         Name == "find" || Name == "lower_bound" || Name == "upper_bound";
}

Bound classifyBound(const Expr *E, ASTContext &Ctx, unsigned Depth);

Bound classifyCall(const CallExpr &Call, ASTContext &Ctx, unsigned Depth) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return plain();
  StringRef Name = Callee->getName();
  if (isa<CXXMemberCallExpr>(&Call)) {
    if (isSizeQuery(Name))
      return grows(Growth::Container);
    if (isIteratorQuery(Name))
      return grows(Growth::Iterator);
    return plain(); // a configured count such as pool.size_hint()
  }
  if (isNamed(Callee, {"::std::min"}) && Call.getNumArgs() >= 2)
    return minOf(classifyBound(Call.getArg(0), Ctx, Depth),
                 classifyBound(Call.getArg(1), Ctx, Depth));
  if (isNamed(Callee, {"::std::max"}) && Call.getNumArgs() >= 2)
    return maxOf(classifyBound(Call.getArg(0), Ctx, Depth),
                 classifyBound(Call.getArg(1), Ctx, Depth));
  if (isNamed(Callee, {"::std::size", "::std::ssize", "::std::empty",
                       "::std::distance"}))
    return grows(Growth::Container);
  if (isNamed(Callee, {"::std::begin", "::std::end", "::std::cbegin",
                       "::std::cend", "::std::find", "::std::find_if"}))
    return grows(Growth::Iterator);
  // hardware_concurrency() and any other function: a plain count.
  return plain();
}

Bound classifyBound(const Expr *E, ASTContext &Ctx, unsigned Depth) {
  E = strip(E);
  if (!E || E->isValueDependent() || E->containsErrors())
    return plain();
  if (E->getType()->isIntegralOrEnumerationType()) {
    Expr::EvalResult Result;
    if (E->EvaluateAsInt(Result, Ctx))
      return {Growth::Constant, Result.Val.getInt().getExtValue()};
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (!isa<CXXOperatorCallExpr>(Call))
      return classifyCall(*Call, Ctx, Depth);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    // Follow a local variable to its initializer: `const auto n = v.size()`.
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (Var && Var->isLocalVarDecl() && Var->getInit() &&
        Depth < MaxInitializerDepth)
      return classifyBound(Var->getInit(), Ctx, Depth + 1);
    return plain(); // a parameter, member or global: a configured count
  }
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    Bound Result = maxOf(classifyBound(Binary->getLHS(), Ctx, Depth),
                         classifyBound(Binary->getRHS(), Ctx, Depth));
    // Arithmetic on a plain count keeps it plain: only the whole expression
    // being a compile-time constant makes it a constant bound.
    return Result.Kind == Growth::Constant ? plain() : Result;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return classifyBound(Unary->getSubExpr(), Ctx, Depth);
  if (const auto *Cond = dyn_cast<ConditionalOperator>(E))
    return maxOf(classifyBound(Cond->getTrueExpr(), Ctx, Depth),
                 classifyBound(Cond->getFalseExpr(), Ctx, Depth));
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E)) {
    // Iterator arithmetic such as `v.end() - 1` or `*it`.
    Bound Result;
    for (const Expr *Arg : Op->arguments())
      Result = maxOf(Result, classifyBound(Arg, Ctx, Depth));
    return Result.Kind == Growth::Constant ? plain() : Result;
  }
  return plain();
}

LoopVerdict verdictFor(Bound B, unsigned MaxTrips) {
  switch (B.Kind) {
  case Growth::Container:
    return {LoopKind::ContainerSize, 0};
  case Growth::Iterator:
    return {LoopKind::IteratorRange, 0};
  case Growth::Constant:
    if (B.Value > static_cast<int64_t>(MaxTrips))
      return {LoopKind::LargeConstant, B.Value};
    return {};
  case Growth::Plain:
    return {};
  }
  return {};
}

// The header parts of a counted loop.
struct LoopParts {
  const Stmt *Init = nullptr;
  const Stmt *Inc = nullptr;
  const Stmt *Body = nullptr;
};

// The variable a loop counts with, if Side is `i`, `i++` or `--i`.
const VarDecl *counterVariable(const Expr *Side) {
  Side = strip(Side);
  if (const auto *Unary = dyn_cast_or_null<UnaryOperator>(Side))
    if (Unary->isIncrementDecrementOp())
      Side = strip(Unary->getSubExpr());
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

// Where the counter starts: its declaration in the for-init, or its
// initializer, or an assignment in the for-init.
const Expr *startOf(const VarDecl *Var, const LoopParts &Parts) {
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(Parts.Init))
    if (Assign->getOpcode() == BO_Assign &&
        counterVariable(Assign->getLHS()) == Var)
      return Assign->getRHS();
  if (Var->isLocalVarDecl())
    return Var->getInit();
  return nullptr;
}

bool isCounter(const Expr *Side, const LoopParts &Parts, const Stmt *Cond,
               const ValueDecl *Grown) {
  if (const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(strip(Side)))
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
         modificationOf(Var, Cond);
}

LoopVerdict classifyComparison(const Expr *Counter, const Expr *Limit,
                               bool Inclusive, const LoopParts &Parts,
                               unsigned MaxTrips, ASTContext &Ctx) {
  Bound End = classifyBound(Limit, Ctx, 0);
  Bound Start;
  int64_t Step = 1;
  if (const VarDecl *Var = counterVariable(Counter)) {
    Start = classifyBound(startOf(Var, Parts), Ctx, 0);
    Step = stepOf(modificationOf(Var, Parts.Inc ? Parts.Inc : Parts.Body), Ctx);
  } else {
    Start = {Growth::Constant, 0};
  }
  if (Start.Kind == Growth::Constant && End.Kind == Growth::Constant) {
    int64_t Span = End.Value > Start.Value ? End.Value - Start.Value
                                           : Start.Value - End.Value;
    return verdictFor({Growth::Constant, (Span + (Inclusive ? 1 : 0)) / Step},
                      MaxTrips);
  }
  // A count down from v.size() grows like a count up to it.
  if (Start.Kind == Growth::Constant)
    Start = plain();
  return verdictFor(maxOf(Start, End), MaxTrips);
}

LoopVerdict classifyCondition(const Expr *Cond, const LoopParts &Parts,
                              const ValueDecl *Grown, unsigned MaxTrips,
                              ASTContext &Ctx);

LoopVerdict combine(LoopVerdict A, LoopVerdict B, bool BothNeeded) {
  // `a && b` runs while both hold: bounded if either side is.
  bool ABounded = A.Kind == LoopKind::Bounded;
  if (BothNeeded)
    return ABounded ? A : B;
  return ABounded ? B : A;
}

LoopVerdict classifyCondition(const Expr *Cond, const LoopParts &Parts,
                              const ValueDecl *Grown, unsigned MaxTrips,
                              ASTContext &Ctx) {
  Cond = strip(Cond);
  if (!Cond)
    return {LoopKind::Infinite, 0};
  if (Cond->isValueDependent() || Cond->containsErrors())
    return {};
  bool Value = false;
  if (Cond->EvaluateAsBooleanCondition(Value, Ctx))
    return Value ? LoopVerdict{LoopKind::Infinite, 0} : LoopVerdict{};
  bool ReadsInput = false;
  forEachDescendant(Cond, /*SkipLambdas=*/true,
                    [&](const Stmt &S) { ReadsInput |= isInputRead(S); });
  if (ReadsInput)
    return {LoopKind::InputCondition, 0};

  const Expr *LHS = nullptr, *RHS = nullptr;
  BinaryOperatorKind Op = BO_Comma;
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond)) {
    Op = Binary->getOpcode();
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
  } else if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Call->getNumArgs() == 2 && Call->isComparisonOp()) {
      Op = BinaryOperator::getOverloadedOpcode(Call->getOperator());
      LHS = Call->getArg(0);
      RHS = Call->getArg(1);
    }
  } else if (const auto *Rewritten = dyn_cast<CXXRewrittenBinaryOperator>(Cond)) {
    Op = Rewritten->getOperator();
    LHS = Rewritten->getLHS();
    RHS = Rewritten->getRHS();
  }
  if (Op == BO_LAnd || Op == BO_LOr)
    return combine(classifyCondition(LHS, Parts, Grown, MaxTrips, Ctx),
                   classifyCondition(RHS, Parts, Grown, MaxTrips, Ctx),
                   Op == BO_LAnd);
  if (LHS && RHS && BinaryOperator::isComparisonOp(Op)) {
    bool Inclusive = Op == BO_LE || Op == BO_GE;
    if (isCounter(LHS, Parts, Cond, Grown))
      return classifyComparison(LHS, RHS, Inclusive, Parts, MaxTrips, Ctx);
    if (isCounter(RHS, Parts, Cond, Grown))
      return classifyComparison(RHS, LHS, Inclusive, Parts, MaxTrips, Ctx);
    return verdictFor(maxOf(classifyBound(LHS, Ctx, 0),
                            classifyBound(RHS, Ctx, 0)),
                      MaxTrips);
  }
  // A flag or a query such as `!queue.empty()`.
  LoopVerdict Verdict = verdictFor(classifyBound(Cond, Ctx, 0), MaxTrips);
  if (Verdict.Kind == LoopKind::LargeConstant)
    return {};
  return Verdict;
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

std::optional<int64_t> constantElementCount(const Expr *Range,
                                            ASTContext &Ctx) {
  Range = strip(Range);
  if (!Range)
    return std::nullopt;
  if (const auto *List = dyn_cast<InitListExpr>(Range))
    return List->getNumInits();
  if (const auto *List = dyn_cast<CXXStdInitializerListExpr>(Range))
    return constantElementCount(List->getSubExpr(), Ctx);
  QualType Type = Range->getType().getNonReferenceType();
  if (const auto *Array = Ctx.getAsConstantArrayType(Type))
    return Array->getSize().getSExtValue();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Type->getAsCXXRecordDecl()))
    if (isNamed(Spec, {"::std::array"}) && Spec->getTemplateArgs().size() == 2 &&
        Spec->getTemplateArgs()[1].getKind() == TemplateArgument::Integral)
      return Spec->getTemplateArgs()[1].getAsIntegral().getSExtValue();
  // A local variable initialized with a braced list: `for (x : {1, 2})`.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Range))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (Var->getType()->isRecordType() && Var->isLocalVarDecl() &&
          Var->getInit() &&
          isa<CXXStdInitializerListExpr>(strip(Var->getInit())))
        return constantElementCount(Var->getInit(), Ctx);
  return std::nullopt;
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

bool leavesEarly(const Stmt &Loop) {
  return leavesEarlyFrom(loopBody(Loop), /*InNestedBreakable=*/false);
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
  LoopParts Parts;
  const Expr *Cond = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    Parts = {For->getInit(), For->getInc(), For->getBody()};
    Cond = For->getCond();
  } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    Parts = {nullptr, nullptr, While->getBody()};
    Cond = While->getCond();
  } else if (const auto *Do = dyn_cast<DoStmt>(&Loop)) {
    Parts = {nullptr, nullptr, Do->getBody()};
    Cond = Do->getCond();
  } else {
    return std::nullopt;
  }
  Cond = strip(Cond);
  if (!Cond || Cond->isValueDependent() || Cond->containsErrors())
    return std::nullopt;
  const Expr *LHS = nullptr, *RHS = nullptr;
  BinaryOperatorKind Op = BO_Comma;
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond)) {
    Op = Binary->getOpcode();
    LHS = Binary->getLHS();
    RHS = Binary->getRHS();
  } else if (const auto *Call = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (Call->getNumArgs() == 2 && Call->isComparisonOp()) {
      Op = BinaryOperator::getOverloadedOpcode(Call->getOperator());
      LHS = Call->getArg(0);
      RHS = Call->getArg(1);
    }
  }
  if (!LHS || !RHS || !BinaryOperator::isComparisonOp(Op))
    return std::nullopt;
  const Expr *Counter = LHS, *Limit = RHS;
  if (!isCounter(LHS, Parts, Cond, Grown)) {
    if (!isCounter(RHS, Parts, Cond, Grown))
      return std::nullopt;
    std::swap(Counter, Limit);
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  Bound End = classifyBound(Limit, Ctx, 0);
  if (End.Kind != Growth::Constant)
    return std::nullopt;
  ConstantBound Result;
  Result.Limit = Limit;
  Bound Start{Growth::Constant, 0};
  int64_t Step = 1;
  if (const VarDecl *Var = counterVariable(Counter)) {
    Result.Start = startOf(Var, Parts);
    if (!Result.Start)
      return std::nullopt;
    Start = classifyBound(Result.Start, Ctx, 0);
    const Expr *Change =
        modificationOf(Var, Parts.Inc ? Parts.Inc : Parts.Body);
    if (!Change)
      Change = modificationOf(Var, Cond);
    if (!Change)
      return std::nullopt;
    Step = stepOf(Change, Ctx);
  }
  if (Start.Kind != Growth::Constant)
    return std::nullopt;
  bool Inclusive = Op == BO_LE || Op == BO_GE;
  int64_t Span = End.Value > Start.Value ? End.Value - Start.Value
                                         : Start.Value - End.Value;
  Result.Trips = (Span + (Inclusive ? 1 : 0) + Step - 1) / Step;
  Result.CountsUpFromZero = Start.Value == 0 && Step == 1 &&
                            End.Value > 0 && (Op == BO_LT || Op == BO_NE);
  return Result;
}

LoopVerdict classifyLoop(const Stmt &Loop, const ValueDecl *Grown,
                         unsigned MaxConstantTripCount, ASTContext &Ctx) {
  if (const auto *RangeFor = dyn_cast<CXXForRangeStmt>(&Loop)) {
    if (auto Count = constantElementCount(RangeFor->getRangeInit(), Ctx))
      return verdictFor({Growth::Constant, *Count}, MaxConstantTripCount);
    return {LoopKind::RangeOverContainer, 0};
  }
  LoopParts Parts;
  const Expr *Cond = nullptr;
  if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    Parts = {For->getInit(), For->getInc(), For->getBody()};
    Cond = For->getCond();
  } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    Parts = {nullptr, nullptr, While->getBody()};
    Cond = While->getCond();
    if (const VarDecl *Var = While->getConditionVariable())
      if (Var->getInit() && isInputRead(*strip(Var->getInit())))
        return {LoopKind::InputCondition, 0};
  } else if (const auto *Do = dyn_cast<DoStmt>(&Loop)) {
    Parts = {nullptr, nullptr, Do->getBody()};
    Cond = Do->getCond();
  } else {
    return {};
  }
  LoopVerdict Verdict =
      classifyCondition(Cond, Parts, Grown, MaxConstantTripCount, Ctx);
  if (Verdict.Kind != LoopKind::Bounded)
    return Verdict;
  // `while (running) { int fd = accept(...); ... }`: a flag-controlled loop
  // that blocks on input each time round runs once per input. A counted loop
  // (i < n) stays bounded by its count.
  bool Counted = false;
  forEachDescendant(Cond, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (const auto *Binary = dyn_cast<BinaryOperator>(&S))
      Counted |= Binary->isComparisonOp();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(&S))
      Counted |= Op->isComparisonOp();
    else
      Counted |= isa<CXXRewrittenBinaryOperator>(&S);
  });
  if (!Counted && readsInputEachIteration(Parts.Body))
    return {LoopKind::InputBody, 0};
  return {};
}

} // namespace clang::tidy::parlint
