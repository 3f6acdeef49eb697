#include "LoopBounds.h"
#include "../common/AstHelpers.h"
#include "../model/Handles.h"
#include "../model/Measurement.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
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

/// Where a container's size came from, when the code that sizes it can be
/// seen: the count given to its constructor (`std::vector<T> v(n)`, a member
/// initializer `pool_(n)`), `resize(n)` / `assign(n, x)`, or elements added in
/// a loop (`for (i < pool_size) pool_.emplace_back(...)`), in the declaring
/// function or, for a member, in the class's constructors. The largest
/// growth found, or nothing when no sizing code is visible.
std::optional<Bound> sizeOrigin(const ValueDecl *Container, ASTContext &Ctx,
                                unsigned Depth);

// Sizing evidence for Container inside one function body (or initializer).
void collectSizing(const Stmt *Code, const ValueDecl *Container,
                   ASTContext &Ctx, unsigned Depth,
                   std::optional<Bound> &Found) {
  auto Add = [&](Bound B) { Found = Found ? maxOf(*Found, B) : B; };
  forEachDescendant(Code, /*SkipLambdas=*/true, [&](const Stmt &S) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(&S);
    if (!Call || rootVariable(Call->getImplicitObjectArgument()) != Container ||
        !Call->getMethodDecl() || !Call->getMethodDecl()->getIdentifier())
      return;
    StringRef Name = Call->getMethodDecl()->getName();
    if ((Name == "resize" || Name == "assign") && Call->getNumArgs() > 0 &&
        Call->getArg(0)->getType()->isIntegerType())
      Add(classifyBound(Call->getArg(0), Ctx, Depth + 1));
  });
  // Elements added in a loop: the loop's own bound is the size.
  forEachDescendant(Code, /*SkipLambdas=*/true, [&](const Stmt &S) {
    if (!isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(&S))
      return;
    bool Fills = false;
    forEachDescendant(loopBody(S), /*SkipLambdas=*/true, [&](const Stmt &Inner) {
      if (const auto *Call = dyn_cast<CXXMemberCallExpr>(&Inner))
        Fills |= rootVariable(Call->getImplicitObjectArgument()) == Container &&
                 Call->getMethodDecl() &&
                 isStoringMethod(identifierOf(Call->getMethodDecl()));
    });
    if (!Fills)
      return;
    LoopVerdict Verdict = classifyLoop(S, nullptr, ~0U, Ctx);
    Add(Verdict.Kind == LoopKind::Bounded || Verdict.Kind == LoopKind::LargeConstant
            ? plain()
            : grows(Growth::Container));
  });
}

void addConstructorCount(const Expr *Init, ASTContext &Ctx, unsigned Depth,
                         std::optional<Bound> &Found) {
  const auto *Construct =
      Init ? dyn_cast<CXXConstructExpr>(Init->IgnoreImplicit()) : nullptr;
  if (!Construct || Construct->getNumArgs() == 0 ||
      Construct->isListInitialization() ||
      !Construct->getArg(0)->getType()->isIntegerType())
    return;
  Bound B = classifyBound(Construct->getArg(0), Ctx, Depth + 1);
  Found = Found ? maxOf(*Found, B) : B;
}

std::optional<Bound> sizeOrigin(const ValueDecl *Container, ASTContext &Ctx,
                                unsigned Depth) {
  // The sizing loops are classified with classifyLoop, whose bound may ask
  // for the size of the same container again: answer "unknown" then.
  static llvm::SmallPtrSet<const ValueDecl *, 4> InProgress;
  if (!Container || Depth >= MaxInitializerDepth ||
      !InProgress.insert(Container).second)
    return std::nullopt;
  struct Done {
    const ValueDecl *Container;
    ~Done() { InProgress.erase(Container); }
  } Release{Container};
  std::optional<Bound> Found;
  if (const auto *Var = dyn_cast<VarDecl>(Container)) {
    if (!Var->isLocalVarDecl())
      return std::nullopt; // a parameter or global: sized by someone else
    addConstructorCount(Var->getInit(), Ctx, Depth, Found);
    if (const auto *Function =
            dyn_cast_or_null<FunctionDecl>(Var->getParentFunctionOrMethod()))
      collectSizing(Function->getBody(), Container, Ctx, Depth, Found);
    return Found;
  }
  const auto *Field = dyn_cast<FieldDecl>(Container);
  const auto *Record = Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  if (!Record)
    return std::nullopt;
  if (Field->hasInClassInitializer())
    addConstructorCount(Field->getInClassInitializer(), Ctx, Depth, Found);
  for (const CXXConstructorDecl *Constructor : Record->ctors()) {
    if (!Constructor->hasBody())
      continue;
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->getMember() == Field && Init->isWritten())
        addConstructorCount(Init->getInit(), Ctx, Depth, Found);
    collectSizing(Constructor->getBody(), Container, Ctx, Depth, Found);
  }
  return Found;
}

Bound classifyCall(const CallExpr &Call, ASTContext &Ctx, unsigned Depth) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return plain();
  StringRef Name = Callee->getName();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    if (isSizeQuery(Name)) {
      // A container sized from a configured count has a configured size.
      auto Origin = sizeOrigin(
          rootVariable(Member->getImplicitObjectArgument()), Ctx, Depth);
      return Origin && Origin->Kind <= Growth::Constant ? plain()
                                                        : grows(Growth::Container);
    }
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
    const Expr *RHS = strip(Binary->getRHS());
    if (const auto *Sum = dyn_cast<BinaryOperator>(RHS);
        Sum && Sum->getOpcode() == BO_Add) {
      auto B = Constant(Sum->getRHS());
      if (!B)
        return std::nullopt;
      Add = *B;
      RHS = strip(Sum->getLHS());
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
  const VarDecl *Var = counterVariable(Counter);
  const Expr *Change = nullptr;
  if (Var) {
    Start = classifyBound(startOf(Var, Parts), Ctx, 0);
    Change = modificationOf(Var, Parts.Inc ? Parts.Inc : Parts.Body);
    Step = stepOf(Change, Ctx);
  } else {
    Start = {Growth::Constant, 0};
  }
  if (Start.Kind == Growth::Constant && End.Kind == Growth::Constant && Var &&
      Start.Value < End.Value)
    if (auto Trips = geometricTrips(Change, Var, Start.Value, End.Value,
                                    Inclusive, Ctx))
      return verdictFor({Growth::Constant, *Trips}, MaxTrips);
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

  auto [Op, LHS, RHS] = decompose(Cond);
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

const Stmt *enclosingLoop(const Stmt &S, const FunctionAnalysis &Function) {
  const Stmt *Node = &S;
  for (const Stmt *Parent = Function.parent(S); Parent;
       Node = Parent, Parent = Function.parent(*Parent)) {
    if (isa<LambdaExpr>(Parent))
      return nullptr;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent) &&
        runsEachIteration(*Parent, Node))
      return Parent;
  }
  return nullptr;
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
  auto [Op, LHS, RHS] = decompose(Cond);
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
    if (isMeasurementRange(RangeFor->getRangeInit()->getType()))
      return {}; // a benchmark's measurement loop
    // A range over a container sized from a configured count, or one whose
    // elements are the handles being assigned (`for (auto &t : threads)
    // t = std::thread(...)`: the slots were counted when it was sized).
    const ValueDecl *Range = rootVariable(RangeFor->getRangeInit());
    auto Origin = sizeOrigin(Range, Ctx, 0);
    if (Origin && Origin->Kind <= Growth::Constant)
      return verdictFor(*Origin, MaxConstantTripCount);
    if (Grown && Grown == RangeFor->getLoopVariable() && !Origin)
      return {};
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
